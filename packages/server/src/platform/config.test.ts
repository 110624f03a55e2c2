import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, describeConfigProblems, parseConfig } from './config';

describe('config', () => {
  it('defaults to embedded PGlite under ./.data on port 3000', () => {
    const result = parseConfig({}, '/srv/clinia');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.database).toEqual({ driver: 'pglite', dataDir: '/srv/clinia/.data/pglite' });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const result = parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/clinia', DB_POOL_MAX: '20' });
    expect(result.ok && result.config.database).toEqual({
      driver: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/clinia',
      poolMax: 20,
    });
  });

  it('names every bad key with what is wrong, in pt-BR', () => {
    const result = parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = describeConfigProblems(result.problems);
    expect(text).toContain('PORT: deve ser um número');
    expect(text).toContain('DATABASE_URL: deve começar com postgres://');
    expect(text).toContain('LOG_LEVEL: use fatal');
  });

  it('accepts 30 sign-in attempts per IP by default and refuses a limit that would lock a clinic out', () => {
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.config.loginAttemptsPerIp).toBe(30);
    const raised = parseConfig({ LOGIN_ATTEMPTS_PER_IP: '1000' });
    expect(raised.ok && raised.config.loginAttemptsPerIp).toBe(1000);
    const tooLow = parseConfig({ LOGIN_ATTEMPTS_PER_IP: '2' });
    expect(tooLow.ok).toBe(false);
    if (tooLow.ok) return;
    expect(describeConfigProblems(tooLow.problems)).toContain(
      'LOGIN_ATTEMPTS_PER_IP: mínimo de 5 tentativas',
    );
  });

  it('treats empty values as unset', () => {
    const result = parseConfig({ PORT: '', DATABASE_URL: '' });
    expect(result.ok && result.config.port).toBe(3000);
  });
});

describe('documentation', () => {
  it('.env.example documents exactly the keys the config reads', () => {
    const example = fs.readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('the README table lists every key', () => {
    const readme = fs.readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const key of CONFIG_KEYS) expect(readme).toContain(`| \`${key}\``);
  });
});
