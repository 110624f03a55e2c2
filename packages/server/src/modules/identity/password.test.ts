import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password';

describe('password policy', () => {
  it.each([
    ['short1!', 'A senha deve ter pelo menos 12 caracteres.'],
    ['123qweasdzxc', 'Esta senha é muito comum'],
    ['qwerty123456', 'Esta senha é muito comum'],
    ['Senha12345678', 'Esta senha é muito comum'],
    ['p@ssw0rd2024!', 'Esta senha é muito comum'],
    ['aaaaaaaaaaaaaa', 'sequência ou repetição'],
    ['flamengoflamengo', 'Esta senha é muito comum'],
  ])('refuses %s', (password, message) => {
    expect(passwordProblems(password).join(' ')).toContain(message);
  });

  it('refuses passwords built from the user’s name or e-mail', () => {
    expect(
      passwordProblems('Fernanda-lima-2026', { fullName: 'Fernanda Lima', email: 'fl@example.com' }),
    ).toContain('A senha não pode conter seu nome ou seu e-mail.');
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblems('cafezinho com pão de queijo às 7', { fullName: 'Ana Souza' })).toEqual([]);
  });
});

describe('password hashing', () => {
  it('uses argon2id at OWASP cost and verifies only the right password', async () => {
    const hash = await hashPassword('cafezinho com pão de queijo');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'cafezinho com pão de queijo')).toBe(true);
    expect(await verifyPassword(hash, 'cafezinho com pao de queijo')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
