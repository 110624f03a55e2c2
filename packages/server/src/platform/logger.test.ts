import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactPersonalData } from './logger';

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

const client = {
  id: '7f1c2a9e-3b6d-4a51-9c1e-2d8f0a6b4c11',
  name: 'Maria Aparecida dos Santos',
  socialName: 'Duda Santos',
  cpf: '529.982.247-25',
  birthDate: '1988-04-12',
  phones: ['+5511987654321'],
  email: 'maria.santos@example.com.br',
  address: { street: 'Rua Augusta, 1500', cep: '01304-001', city: 'São Paulo', uf: 'SP' },
  notes: 'Alergia a lidocaína',
  password: 'correct horse battery staple',
  clinic: { cnpj: '11.222.333/0001-81' },
  sessionToken: 'a2f9c1d4e5b6',
};
const personalValues = [
  'Maria Aparecida',
  'Duda Santos',
  '529.982.247-25',
  '52998224725',
  '1988-04-12',
  '987654321',
  '98765-4321',
  'maria.santos@example.com.br',
  'Rua Augusta',
  '01304-001',
  'lidocaína',
  'correct horse',
  '11.222.333/0001-81',
  'a2f9c1d4e5b6',
];

describe('logger redaction', () => {
  it('logs a realistic client record without any of its personal values', () => {
    const { logger, lines } = captureLogger();
    logger.info({ client, requestId: 'req-1' }, 'created client');
    logger.warn({ input: { ...client, cpf: '52998224725' } }, 'validation failed');
    const output = lines.join('\n');
    for (const value of personalValues) expect(output).not.toContain(value);
    // Non-personal context survives, so logs stay useful.
    expect(output).toContain('7f1c2a9e-3b6d-4a51-9c1e-2d8f0a6b4c11');
    expect(output).toContain('req-1');
    expect(output).toContain('created client');
  });

  it('scrubs personal data embedded in messages and errors', () => {
    const { logger, lines } = captureLogger();
    logger.error(
      {
        err: new Error(
          'duplicate key cpf=52998224725 e-mail maria.santos@example.com.br tel (11) 98765-4321',
        ),
      },
      'failed for 529.982.247-25 / +55 11 98765-4321',
    );
    const output = lines.join('\n');
    for (const value of ['52998224725', '529.982.247-25', 'maria.santos@', '98765-4321']) {
      expect(output).not.toContain(value);
    }
    expect(output).toContain('duplicate key');
  });

  it('keeps UUIDs, ISO timestamps and durations intact', () => {
    const redacted = redactPersonalData({
      entityId: '12345678-1234-4234-8234-123456789012',
      at: '2026-11-25T03:40:35.123Z',
      durationMs: 1234567890,
    });
    expect(redacted).toEqual({
      entityId: '12345678-1234-4234-8234-123456789012',
      at: '2026-11-25T03:40:35.123Z',
      durationMs: 1234567890,
    });
  });
});
