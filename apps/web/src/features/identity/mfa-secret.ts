/** A TOTP secret in groups of four, as people copy it into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The text of the recovery-codes file offered for download. */
export function recoveryCodesFileText(codes: readonly string[], heading: string): string {
  return `${heading}\n\n${codes.map((code, index) => `${String(index + 1).padStart(2, ' ')}. ${code}`).join('\n')}\n`;
}

/** A recovery code as typed: letters and digits, optionally one hyphen in the middle (ABCDE-FGHIJ). */
export function isRecoveryCodeShape(value: string): boolean {
  return /^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/.test(value.trim());
}
