import { describe, expect, it } from 'vitest';
import { parseHoursList, previewTemplate, reasonLabel } from './message-labels';

describe('message labels', () => {
  it('previews a template with sample values in variable order', () => {
    expect(previewTemplate('Olá, {{1}}! {{3}}: {{2}}.', ['nome', 'data_hora', 'clinica'])).toBe(
      'Olá, Maria! Clínica Jardins: qui. 10/12 às 14:00.',
    );
  });
  it('parses the reminder hours a manager types', () => {
    expect(parseHoursList('48, 24')).toEqual([48, 24]);
    expect(parseHoursList('72;2')).toEqual([72, 2]);
    expect(parseHoursList('48, meia')).toBeNull();
    expect(parseHoursList('')).toBeNull();
  });
  it('names refusal reasons in pt-BR', () => {
    expect(reasonLabel('sem_consentimento')).toBe('sem consentimento no canal');
    expect(reasonLabel('graph_131026')).toBe(
      'recusada pelo WhatsApp: número sem WhatsApp ou que não pode receber esta mensagem (código 131026)',
    );
    expect(reasonLabel('graph_999')).toBe('recusada pelo WhatsApp (código 999)');
    expect(reasonLabel(null)).toBeNull();
  });
});
