import { describe, expect, it } from 'vitest';
import { groupSecret, isRecoveryCodeShape, recoveryCodesFileText } from './mfa-secret';

describe('groupSecret', () => {
  it('splits into groups of four, last group shorter', () => {
    expect(groupSecret('ZIJYXDVAPQAIWDSVK4G4GQ2ZPTGIY6RQ')).toBe('ZIJY XDVA PQAI WDSV K4G4 GQ2Z PTGI Y6RQ');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });

  it('is reversible by removing spaces', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    expect(groupSecret(secret).replaceAll(' ', '')).toBe(secret);
  });
});

describe('recovery codes', () => {
  it('numbers the codes in the file', () => {
    expect(recoveryCodesFileText(['AAAAA-BBBBB', 'CCCCC-DDDDD'], 'Clinia')).toBe(
      'Clinia\n\n 1. AAAAA-BBBBB\n 2. CCCCC-DDDDD\n',
    );
  });

  it('recognises the recovery code shape', () => {
    expect(isRecoveryCodeShape('ABCDE-FGHIJ')).toBe(true);
    expect(isRecoveryCodeShape(' abcde12345 ')).toBe(true);
    expect(isRecoveryCodeShape('123456')).toBe(false);
  });
});
