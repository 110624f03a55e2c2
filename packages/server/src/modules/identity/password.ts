import { hash, verify } from '@node-rs/argon2';
import common from '@zxcvbn-ts/language-common';

/**
 * Passwords: argon2id with OWASP's recommended minimum (19 MiB memory, 2 iterations, 1 lane), and a
 * policy of at least 12 characters that refuses the ~49k most common passwords (zxcvbn-ts's list), a
 * pt-BR supplement, trivial variations of them, and passwords built from the user's own e-mail or name.
 */
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash of a random value, verified against when no account exists, so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}

const PT_BR_COMMON = [
  'senha',
  'senha123',
  'senha1234',
  'mudar123',
  'mudarsenha',
  'brasil',
  'flamengo',
  'corinthians',
  'palmeiras',
  'saopaulo',
  'vasco',
  'gremio',
  'cruzeiro',
  'clinica',
  'estetica',
  'admin',
  'administrador',
  'bemvindo',
  'jesus',
  'deusefiel',
  'amor',
  'familia',
  'felicidade',
  'qwerty',
  'asdfgh',
  'abc123',
];
const COMMON = new Set<string>([
  ...((common.dictionary as Record<string, string[]>)['passwords-common'] ?? []),
  ...PT_BR_COMMON,
]);

function normaliseForComparison(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Strips what people add to a common password to pass length rules: digits, symbols, repetition. */
function core(value: string): string[] {
  const v = normaliseForComparison(value);
  const stripped = v.replace(/[^a-z]+$/g, '').replace(/^[^a-z]+/g, '');
  const leet = v
    .replace(/0/g, 'o')
    .replace(/1/g, 'i')
    .replace(/3/g, 'e')
    .replace(/4/g, 'a')
    .replace(/5/g, 's')
    .replace(/@/g, 'a')
    .replace(/\$/g, 's');
  const halves =
    v.length % 2 === 0 && v.slice(0, v.length / 2) === v.slice(v.length / 2)
      ? [v.slice(0, v.length / 2)]
      : [];
  return [v, stripped, leet, leet.replace(/[^a-z]+$/g, ''), ...halves];
}

/** pt-BR problems with a new password; empty when acceptable. */
export function passwordProblems(
  password: string,
  context: { email?: string; fullName?: string } = {},
): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('A senha deve ter pelo menos 12 caracteres.');
  if (password.length > 256) problems.push('A senha deve ter no máximo 256 caracteres.');
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|123456789012|abcdefghijkl)/i.test(password)) {
    problems.push('A senha é uma sequência ou repetição fácil de adivinhar.');
  } else if (core(password).some((c) => c.length > 0 && COMMON.has(c))) {
    problems.push('Esta senha é muito comum e está em listas usadas por atacantes. Escolha outra.');
  }
  const v = normaliseForComparison(password);
  const personal = [
    ...(context.email ? [normaliseForComparison(context.email.split('@')[0] ?? '')] : []),
    ...(context.fullName ? normaliseForComparison(context.fullName).split(/\s+/) : []),
  ].filter((part) => part.length >= 4);
  if (personal.some((part) => v.includes(part)))
    problems.push('A senha não pode conter seu nome ou seu e-mail.');
  return problems;
}
