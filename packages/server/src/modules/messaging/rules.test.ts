import { describe, expect, it } from 'vitest';
import {
  interpretReply,
  isInsideServiceWindow,
  nextAllowedInstant,
  nextDeliveryStatus,
  renderTemplate,
  retryDelayMs,
} from './rules';

const plan = { quietStart: '20:00', quietEnd: '08:00' };

describe('quiet hours', () => {
  it('defers a 22:30 São Paulo send to 08:00 the next morning', () => {
    // 22:30 in São Paulo (UTC-3) is 01:30 UTC the next day.
    expect(
      nextAllowedInstant(new Date('2026-12-03T01:30:00Z'), plan, 'America/Sao_Paulo').toISOString(),
    ).toBe('2026-12-03T11:00:00.000Z');
  });
  it('defers 06:00 to 08:00 the same day, in the clinic zone (Manaus is UTC-4)', () => {
    expect(nextAllowedInstant(new Date('2026-12-03T10:00:00Z'), plan, 'America/Manaus').toISOString()).toBe(
      '2026-12-03T12:00:00.000Z',
    );
  });
  it('leaves daytime alone and handles a window that does not wrap', () => {
    const noon = new Date('2026-12-03T15:00:00Z');
    expect(nextAllowedInstant(noon, plan, 'America/Sao_Paulo')).toEqual(noon);
    expect(
      nextAllowedInstant(noon, { quietStart: '12:00', quietEnd: '13:30' }, 'America/Sao_Paulo').toISOString(),
    ).toBe('2026-12-03T16:30:00.000Z');
  });
});

describe('delivery status', () => {
  it('moves forward only, whatever order callbacks arrive in', () => {
    expect(nextDeliveryStatus('accepted', 'read')).toBe('read');
    expect(nextDeliveryStatus('read', 'delivered')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'sent')).toBeNull();
    expect(nextDeliveryStatus('sent', 'delivered')).toBe('delivered');
  });
  it('treats failed as terminal but never undoes a read', () => {
    expect(nextDeliveryStatus('sent', 'failed')).toBe('failed');
    expect(nextDeliveryStatus('failed', 'delivered')).toBeNull();
    expect(nextDeliveryStatus('read', 'failed')).toBeNull();
  });
});

describe('replies', () => {
  it('understands buttons, numbers and words with or without accents', () => {
    expect(interpretReply({ buttonPayload: 'confirmar:abc' })).toBe('confirm');
    expect(interpretReply({ buttonPayload: 'cancelar:abc' })).toBe('cancel');
    expect(interpretReply({ text: ' 1 ' })).toBe('confirm');
    expect(interpretReply({ text: 'Sim!' })).toBe('confirm');
    expect(interpretReply({ text: 'CANCELAR' })).toBe('cancel');
    expect(interpretReply({ text: '2' })).toBe('cancel');
    expect(interpretReply({ text: 'Parar' })).toBe('stop');
    expect(interpretReply({ text: 'Posso levar minha filha?' })).toBe('other');
  });
});

describe('window, backoff, rendering', () => {
  it('opens the window for 24 h after the client wrote', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(isInsideServiceWindow(new Date('2026-12-02T12:00:01Z'), now)).toBe(true);
    expect(isInsideServiceWindow(new Date('2026-12-02T12:00:00Z'), now)).toBe(false);
    expect(isInsideServiceWindow(null, now)).toBe(false);
  });
  it('doubles the delay and caps it', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
  it('renders positional variables', () => {
    expect(renderTemplate('Olá, {{1}}! Dia {{2}}.', ['Ana', '12/08'])).toBe('Olá, Ana! Dia 12/08.');
  });
});
