import { describe, expect, it } from 'vitest';
import { buildIcs, escapeIcsText, foldIcsLine } from './ics';

describe('ICS feed text', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeIcsText('Sala 1, laser; pós\nnota\\x')).toBe('Sala 1\\, laser\\; pós\\nnota\\\\x');
    const folded = foldIcsLine(`SUMMARY:${'ã'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ã'.repeat(60)}`);
  });

  it('writes UTC instants and CRLF line ends', () => {
    const text = buildIcs({
      calendarName: 'Agenda — Dra. A',
      now: new Date('2026-11-25T12:00:00Z'),
      events: [
        {
          uid: 'a1@clinia',
          startsAt: new Date('2026-11-30T13:00:00Z'),
          endsAt: new Date('2026-11-30T13:30:00Z'),
          summary: 'Toxina botulínica',
          location: 'Consultório 1, Clínica Centro',
          status: 'CONFIRMED',
        },
      ],
    });
    expect(text).toContain('DTSTART:20261130T130000Z\r\nDTEND:20261130T133000Z\r\n');
    expect(text).toContain('LOCATION:Consultório 1\\, Clínica Centro');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
