import { formatBrazilianPhone, formatCpf } from '@clinia/contracts';

/** Masks for lists and exports: enough to recognise a person at the desk, not enough to reuse. */
export function maskCpf(cpf: string): string {
  return `***.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-**`;
}

export function maskPhone(e164: string): string {
  const formatted = formatBrazilianPhone(e164);
  return formatted.replace(
    /\) (\d+)-(\d{4})$/,
    (_m, first: string, last: string) => `) ${'*'.repeat(first.length)}-${last}`,
  );
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export { formatCpf };
