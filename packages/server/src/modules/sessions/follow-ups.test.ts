import { describe, expect, it } from 'vitest';
import { followUpsFor } from './follow-ups';

describe('follow-up proposals on closing a session', () => {
  it('proposes the 15-day toxin review and the next session after the minimum interval', () => {
    expect(
      followUpsFor('2026-12-20', {
        competenceCategory: 'toxina_botulinica',
        minIntervalDays: 90,
        name: 'Toxina',
      }).map((p) => [p.kind, p.date]),
    ).toEqual([
      ['revisao', '2027-01-04'],
      ['proxima_sessao', '2027-03-20'],
    ]);
  });

  it('proposes nothing for a treatment without review or course interval', () => {
    expect(
      followUpsFor('2026-12-20', {
        competenceCategory: 'limpeza_facial',
        minIntervalDays: 0,
        name: 'Limpeza',
      }),
    ).toEqual([]);
  });
});
