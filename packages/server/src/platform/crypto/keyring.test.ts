import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring, parseMasterKey } from './keyring';

const master = parseMasterKey('mk-test', randomBytes(32).toString('base64'));
const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('keyring', () => {
  it('seals and opens, with the data key id in the value and no plaintext', () => {
    const ring = createKeyring(master, new Map([['dk1', k1]]), 'dk1');
    const sealed = ring.seal('529.982.247-25', 'clients.cpf:42');
    expect(sealed).toMatch(/^c1\.dk1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('529');
    expect(ring.open(sealed, 'clients.cpf:42')).toBe('529.982.247-25');
  });

  it('refuses a value moved to another row or tampered with', () => {
    const ring = createKeyring(master, new Map([['dk1', k1]]), 'dk1');
    const sealed = ring.seal('secret', 'users.mfa:1');
    expect(() => ring.open(sealed, 'users.mfa:2')).toThrow();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => ring.open(flipped, 'users.mfa:1')).toThrow();
  });

  it('opens values of older keys after rotation and seals with the new one', () => {
    const old = createKeyring(master, new Map([['dk1', k1]]), 'dk1');
    const sealedOld = old.seal('x', 'a');
    const rotated = createKeyring(
      master,
      new Map([
        ['dk1', k1],
        ['dk2', k2],
      ]),
      'dk2',
    );
    expect(rotated.open(sealedOld, 'a')).toBe('x');
    expect(rotated.keyIdOf(rotated.seal('y', 'a'))).toBe('dk2');
  });

  it('gives a stable blind index across data-key rotation, distinct per purpose', () => {
    const a = createKeyring(master, new Map([['dk1', k1]]), 'dk1');
    const b = createKeyring(master, new Map([['dk2', k2]]), 'dk2');
    expect(a.blindIndex('52998224725', 'cpf')).toBe(b.blindIndex('52998224725', 'cpf'));
    expect(a.blindIndex('52998224725', 'cpf')).not.toBe(a.blindIndex('52998224725', 'phone'));
    const otherMaster = createKeyring(
      parseMasterKey('mk2', randomBytes(32).toString('base64')),
      new Map([['dk1', k1]]),
      'dk1',
    );
    expect(otherMaster.blindIndex('52998224725', 'cpf')).not.toBe(a.blindIndex('52998224725', 'cpf'));
  });
});
