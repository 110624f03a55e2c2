import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSlots, type Slot, type SlotQuery } from './availability';
import { expandWeekly, instantAt, localDayInterval, periodOfHour, type WeeklyRule } from './clinic-time';
import { brazilianHolidaysBetween } from './holidays';
import { type Interval, subtract } from './intervals';

const MIN = 60_000;
const H = 60 * MIN;
const SP = 'America/Sao_Paulo';

const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): WeeklyRule[] =>
  days.map((weekday) => ({ weekday, start, end }));
const local = (t: number, zone = SP) => {
  const d = new TZDate(t, zone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const hhmm = (t: number, zone = SP) => local(t, zone).slice(11);

function query(over: Partial<SlotQuery> & Pick<SlotQuery, 'fromMs' | 'toMs'>): SlotQuery {
  return {
    durationMin: 60,
    bufferMin: 0,
    stepMin: 30,
    timeZone: SP,
    limit: 100,
    clinicOpen: expandWeekly(
      weekdays('08:00', '18:00'),
      over.fromMs - 24 * H,
      over.toMs + 24 * H,
      over.timeZone ?? SP,
    ),
    professionals: [],
    rooms: [],
    roomRequired: false,
    equipment: [],
    clientBusy: [],
    ...over,
  };
}

// Monday 2026-03-02 in São Paulo.
const MON = instantAt('2026-03-02', '00:00', SP);
const TUE = instantAt('2026-03-03', '00:00', SP);
const at = (date: string, time: string) => instantAt(date, time, SP);

describe('findSlots examples', () => {
  it('excludes the professional’s lunch break', () => {
    const available = expandWeekly(
      [...weekdays('08:00', '12:00'), ...weekdays('13:00', '18:00')],
      MON,
      TUE,
      SP,
    );
    const slots = findSlots(
      query({ fromMs: MON, toMs: TUE, professionals: [{ id: 'ana', available, busy: [] }] }),
    );
    expect(slots.map((s) => hhmm(s.start))).toEqual([
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
    ]);
    expect(slots[0]).toEqual({
      start: at('2026-03-02', '08:00'),
      end: at('2026-03-02', '09:00'),
      professionalId: 'ana',
      roomId: null,
      equipmentIds: [],
    });
  });

  it('a laser shared between two rooms blocks a second booking at the same time', () => {
    const ten = { start: at('2026-03-02', '10:00'), end: at('2026-03-02', '11:00') };
    const base = query({
      fromMs: at('2026-03-02', '10:00'),
      toMs: at('2026-03-02', '10:01'),
      professionals: [
        { id: 'ana', available: [{ start: MON, end: TUE }], busy: [ten] }, // busy with the first booking
        { id: 'bia', available: [{ start: MON, end: TUE }], busy: [] },
      ],
      rooms: [
        { id: 'sala-1', busy: [ten] },
        { id: 'sala-2', busy: [] },
      ],
      roomRequired: true,
    });
    const oneLaser = [{ kind: 'laser', units: [{ id: 'laser-1', busy: [ten] }] }];
    expect(findSlots({ ...base, equipment: oneLaser })).toEqual([]);
    // Without the laser requirement, Bia can use room 2 at 10:00.
    expect(findSlots(base)).toEqual([
      { start: ten.start, end: ten.end, professionalId: 'bia', roomId: 'sala-2', equipmentIds: [] },
    ]);
    // With a second laser, Bia gets room 2 and laser 2.
    const twoLasers = [
      { kind: 'laser', units: [...(oneLaser[0]?.units ?? []), { id: 'laser-2', busy: [] }] },
    ];
    expect(findSlots({ ...base, equipment: twoLasers })).toEqual([
      { start: ten.start, end: ten.end, professionalId: 'bia', roomId: 'sala-2', equipmentIds: ['laser-2'] },
    ]);
  });

  it('a holiday closure removes the whole day (Tiradentes, 2026-04-21)', () => {
    const from = at('2026-04-20', '00:00');
    const to = at('2026-04-23', '00:00');
    const closures = brazilianHolidaysBetween('2026-04-20', '2026-04-22').map((h) =>
      localDayInterval(h.date, SP),
    );
    const clinicOpen = subtract(expandWeekly(weekdays('08:00', '18:00'), from, to, SP), closures);
    const slots = findSlots(
      query({
        fromMs: from,
        toMs: to,
        stepMin: 60,
        clinicOpen,
        professionals: [{ id: 'ana', available: [{ start: from, end: to }], busy: [] }],
      }),
    );
    const days = new Set(slots.map((s) => local(s.start).slice(0, 10)));
    expect([...days]).toEqual(['2026-04-20', '2026-04-22']);
    expect(slots).toHaveLength(20); // 08:00 … 17:00 on each open day
  });

  it('period "tarde" returns only afternoon starts', () => {
    const slots = findSlots(
      query({
        fromMs: MON,
        toMs: TUE,
        periodOfDay: 'tarde',
        professionals: [{ id: 'ana', available: [{ start: MON, end: TUE }], busy: [] }],
      }),
    );
    expect(slots.map((s) => hhmm(s.start))).toEqual([
      '12:00',
      '12:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
    ]);
  });

  it('the buffer is part of the occupied range and blocks a start that would run into a booking', () => {
    const busy = [{ start: at('2026-03-02', '10:00'), end: at('2026-03-02', '11:00') }];
    const slots = findSlots(
      query({
        fromMs: at('2026-03-02', '08:00'),
        toMs: at('2026-03-02', '12:00'),
        durationMin: 45,
        bufferMin: 15,
        professionals: [{ id: 'ana', available: [{ start: MON, end: TUE }], busy }],
      }),
    );
    expect(slots.map((s) => `${hhmm(s.start)}-${hhmm(s.end)}`)).toEqual([
      '08:00-09:00',
      '08:30-09:30',
      '09:00-10:00',
      '11:00-12:00',
      '11:30-12:30',
    ]);
  });

  it('honours the client’s other appointments, notBefore and the limit, ordered by start then professional', () => {
    const allDay = [{ start: MON, end: TUE }];
    const slots = findSlots(
      query({
        fromMs: MON,
        toMs: TUE,
        limit: 5,
        notBeforeMs: at('2026-03-02', '09:10'),
        clientBusy: [{ start: at('2026-03-02', '09:30'), end: at('2026-03-02', '10:30') }],
        professionals: [
          { id: 'bia', available: allDay, busy: [] },
          { id: 'ana', available: allDay, busy: [] },
        ],
      }),
    );
    expect(slots.map((s) => `${hhmm(s.start)} ${s.professionalId}`)).toEqual([
      '10:30 bia',
      '10:30 ana',
      '11:00 bia',
      '11:00 ana',
      '11:30 bia',
    ]);
  });

  it('looks weeks ahead when the near agenda is full, and returns the first free slots in order', () => {
    const from = at('2026-03-02', '00:00');
    const to = at('2026-04-01', '00:00');
    const fullUntil = at('2026-03-26', '15:00');
    const slots = findSlots(
      query({
        fromMs: from,
        toMs: to,
        limit: 3,
        professionals: [
          { id: 'ana', available: [{ start: from, end: to }], busy: [{ start: from, end: fullUntil }] },
          {
            id: 'bia',
            available: [{ start: from, end: to }],
            busy: [{ start: from, end: at('2026-03-31', '17:00') }],
          },
        ],
      }),
    );
    expect(slots.map((s) => `${local(s.start)} ${s.professionalId}`)).toEqual([
      '2026-03-26 15:00 ana',
      '2026-03-26 15:30 ana',
      '2026-03-26 16:00 ana',
    ]);
  });

  it('starts on the local grid of the clinic’s zone, whatever its UTC offset', () => {
    const zone = 'Asia/Kathmandu'; // UTC+05:45
    const from = instantAt('2026-03-02', '00:00', zone);
    const to = instantAt('2026-03-03', '00:00', zone);
    const slots = findSlots(
      query({
        fromMs: from,
        toMs: to,
        timeZone: zone,
        stepMin: 60,
        limit: 3,
        clinicOpen: expandWeekly(weekdays('08:00', '18:00'), from, to, zone),
        professionals: [{ id: 'ana', available: [{ start: from, end: to }], busy: [] }],
      }),
    );
    expect(slots.map((s) => hhmm(s.start, zone))).toEqual(['08:00', '09:00', '10:00']);
  });

  it('no room, no slot when a room is required; a kind of equipment with no unit blocks everything', () => {
    const base = query({
      fromMs: MON,
      toMs: TUE,
      professionals: [{ id: 'ana', available: [{ start: MON, end: TUE }], busy: [] }],
    });
    expect(findSlots({ ...base, roomRequired: true })).toEqual([]);
    expect(findSlots({ ...base, equipment: [{ kind: 'laser', units: [] }] })).toEqual([]);
    expect(findSlots({ ...base, limit: 0 })).toEqual([]);
    expect(() => findSlots({ ...base, stepMin: 0 })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property tests against a brute-force reference.

/** Interesting starting instants: DST days (historical São Paulo, New York) and the other Brazilian zones. */
const ORIGINS = [
  { zone: SP, t0: Date.parse('2018-11-03T03:00:00Z') }, // 2018-11-04 00:00 did not exist
  { zone: SP, t0: Date.parse('2019-02-16T03:00:00Z') }, // 2019-02-16 23:00 happened twice
  { zone: 'America/New_York', t0: Date.parse('2026-03-07T05:00:00Z') },
  { zone: 'America/New_York', t0: Date.parse('2026-10-31T04:00:00Z') },
  { zone: 'America/Noronha', t0: Date.parse('2026-06-01T02:00:00Z') },
  { zone: 'America/Manaus', t0: Date.parse('2026-06-01T04:00:00Z') },
  { zone: 'America/Rio_Branco', t0: Date.parse('2026-06-01T05:00:00Z') },
];
const SPAN_MIN = 48 * 60;

const wallCache = new Map<string, { hour: number; minuteOfDay: number }[]>();
/** Local wall time of every minute from t0, read with TZDate (independent of the code under test). */
function wallMinutes(zone: string, t0: number) {
  const key = `${zone}|${t0}`;
  let walls = wallCache.get(key);
  if (!walls) {
    walls = [];
    for (let m = 0; m < SPAN_MIN + 600; m++) {
      const d = new TZDate(t0 + m * MIN, zone);
      walls.push({ hour: d.getHours(), minuteOfDay: d.getHours() * 60 + d.getMinutes() });
    }
    wallCache.set(key, walls);
  }
  return walls;
}

const covers = (set: readonly Interval[], s: number, e: number) => {
  for (let t = s; t < e; t += MIN) if (!set.some((iv) => iv.start <= t && t < iv.end)) return false;
  return true;
};
const clashes = (busy: readonly Interval[], s: number, e: number) =>
  busy.some((b) => b.start < b.end && b.start < e && s < b.end);

/** The executable spec: every minute of the horizon, every professional, plain loops. */
function bruteForce(q: SlotQuery, t0: number): Slot[] {
  const walls = wallMinutes(q.timeZone, t0);
  const length = (q.durationMin + q.bufferMin) * MIN;
  const out: Slot[] = [];
  for (let t = q.fromMs; t < q.toMs && out.length < q.limit; t += MIN) {
    const wall = walls[(t - t0) / MIN];
    if (!wall) throw new Error('outside the reference span');
    if (wall.minuteOfDay % q.stepMin !== 0) continue;
    if (q.periodOfDay && periodOfHour(wall.hour) !== q.periodOfDay) continue;
    if (q.notBeforeMs !== undefined && t < q.notBeforeMs) continue;
    const e = t + length;
    if (!covers(q.clinicOpen, t, e) || clashes(q.clientBusy, t, e)) continue;
    const room = q.roomRequired ? q.rooms.find((r) => !clashes(r.busy, t, e)) : null;
    if (room === undefined) continue;
    const units = q.equipment.map((k) => k.units.find((u) => !clashes(u.busy, t, e)));
    if (units.some((u) => u === undefined)) continue;
    for (const p of q.professionals) {
      if (out.length >= q.limit) break;
      if (!covers(p.available, t, e) || clashes(p.busy, t, e)) continue;
      out.push({
        start: t,
        end: e,
        professionalId: p.id,
        roomId: room?.id ?? null,
        equipmentIds: units.map((u) => u?.id ?? ''),
      });
    }
  }
  return out;
}

/** Intervals as minute offsets from the origin, turned into instants once the origin is drawn. */
const minuteIntervals = (maxLength: number, minLen: number, maxLen: number, minLength = 0) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: SPAN_MIN }), fc.integer({ min: minLen, max: maxLen })), {
    minLength,
    maxLength,
  });

/** Half the time open over the whole span (with the odd hole), else a few random stretches. */
const mostlyOpen = fc.oneof(
  fc.array(fc.integer({ min: 0, max: SPAN_MIN }), { maxLength: 3 }).map((holes) => {
    const open: [number, number][] = [];
    let cursor = 0;
    for (const h of [...holes].sort((a, b) => a - b)) {
      if (h > cursor) open.push([cursor, h - cursor]);
      cursor = h + 60;
    }
    open.push([cursor, SPAN_MIN + 600 - cursor]);
    return open;
  }),
  minuteIntervals(5, 120, 1440, 1),
);

const scenario = fc.record({
  origin: fc.constantFrom(...ORIGINS),
  fromMin: fc.integer({ min: 0, max: 180 }),
  spanMin: fc.integer({ min: 30, max: SPAN_MIN - 180 }),
  durationMin: fc.integer({ min: 1, max: 24 }).map((k) => k * 5),
  bufferMin: fc.constantFrom(0, 0, 5, 10, 15),
  stepMin: fc.constantFrom(5, 10, 15, 20, 25, 30, 45, 60),
  limit: fc.integer({ min: 1, max: 40 }),
  periodOfDay: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    'manha' as const,
    'tarde' as const,
    'noite' as const,
  ),
  notBeforeMin: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { nil: undefined }),
  clinicOpen: mostlyOpen,
  professionals: fc.array(fc.record({ available: mostlyOpen, busy: minuteIntervals(5, 5, 120) }), {
    minLength: 1,
    maxLength: 3,
  }),
  roomRequired: fc.boolean(),
  rooms: fc.array(minuteIntervals(4, 5, 180), { minLength: 1, maxLength: 3 }),
  equipment: fc.array(fc.array(minuteIntervals(3, 5, 240), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  clientBusy: minuteIntervals(3, 5, 120),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function materialise(s: Scenario): {
  q: SlotQuery;
  t0: number;
} {
  const { t0, zone } = s.origin;
  const ivs = (list: [number, number][]) =>
    list.map(([a, len]) => ({ start: t0 + a * MIN, end: t0 + (a + len) * MIN }));
  const fromMs = t0 + s.fromMin * MIN;
  return {
    t0,
    q: {
      durationMin: s.durationMin,
      bufferMin: s.bufferMin,
      fromMs,
      toMs: fromMs + s.spanMin * MIN,
      stepMin: s.stepMin,
      timeZone: zone,
      limit: s.limit,
      ...(s.periodOfDay ? { periodOfDay: s.periodOfDay } : {}),
      ...(s.notBeforeMin !== undefined ? { notBeforeMs: t0 + s.notBeforeMin * MIN } : {}),
      clinicOpen: ivs(s.clinicOpen),
      professionals: s.professionals.map((p, i) => ({
        id: `p${i}`,
        available: ivs(p.available),
        busy: ivs(p.busy),
      })),
      rooms: s.rooms.map((busy, i) => ({ id: `r${i}`, busy: ivs(busy) })),
      roomRequired: s.roomRequired,
      equipment: s.equipment.map((units, k) => ({
        kind: `k${k}`,
        units: units.map((busy, i) => ({ id: `k${k}u${i}`, busy: ivs(busy) })),
      })),
      clientBusy: ivs(s.clientBusy),
    },
  };
}

describe('findSlots properties', () => {
  it('completeness: finds exactly the slots of a brute-force search (same starts, professionals, rooms, units)', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(undefined, 7, 61, 300), (s, firstWindowMin) => {
        const { q, t0 } = materialise(s);
        const tuning = firstWindowMin ? { firstWindowMs: firstWindowMin * MIN } : {};
        expect(findSlots(q, tuning)).toEqual(bruteForce(q, t0));
      }),
      { numRuns: 300 },
    );
  });

  it('soundness: every slot is open, available, on the grid and conflicts with nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { q } = materialise(s);
        const length = (q.durationMin + q.bufferMin) * MIN;
        for (const slot of findSlots(q)) {
          expect(slot.end - slot.start).toBe(length);
          expect(slot.start >= q.fromMs && slot.start < q.toMs).toBe(true);
          if (q.notBeforeMs !== undefined) expect(slot.start).toBeGreaterThanOrEqual(q.notBeforeMs);
          const wall = new TZDate(slot.start, q.timeZone);
          expect((wall.getHours() * 60 + wall.getMinutes()) % q.stepMin).toBe(0);
          if (q.periodOfDay) expect(periodOfHour(wall.getHours())).toBe(q.periodOfDay);
          const p = q.professionals.find((x) => x.id === slot.professionalId);
          expect(p).toBeDefined();
          expect(covers(q.clinicOpen, slot.start, slot.end)).toBe(true);
          expect(covers(p?.available ?? [], slot.start, slot.end)).toBe(true);
          expect(clashes(p?.busy ?? [], slot.start, slot.end)).toBe(false);
          expect(clashes(q.clientBusy, slot.start, slot.end)).toBe(false);
          if (q.roomRequired) {
            const room = q.rooms.find((r) => r.id === slot.roomId);
            expect(room && !clashes(room.busy, slot.start, slot.end)).toBe(true);
          } else {
            expect(slot.roomId).toBeNull();
          }
          expect(slot.equipmentIds).toHaveLength(q.equipment.length);
          q.equipment.forEach((kind, k) => {
            const unit = kind.units.find((u) => u.id === slot.equipmentIds[k]);
            expect(unit && !clashes(unit.busy, slot.start, slot.end)).toBe(true);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ordering and limit: sorted by start then professional order, unique, and a smaller limit is a prefix', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 40 }), (s, extra) => {
        const { q } = materialise(s);
        const slots = findSlots(q);
        expect(slots.length).toBeLessThanOrEqual(q.limit);
        const order = new Map(q.professionals.map((p, i) => [p.id, i]));
        for (let i = 1; i < slots.length; i++) {
          const a = slots[i - 1] as Slot;
          const b = slots[i] as Slot;
          const rank = (x: Slot) => order.get(x.professionalId) ?? -1;
          expect(a.start < b.start || (a.start === b.start && rank(a) < rank(b))).toBe(true);
        }
        const more = findSlots({ ...q, limit: q.limit + extra });
        expect(more.slice(0, slots.length)).toEqual(slots);
        if (slots.length < q.limit) expect(more).toEqual(slots);
      }),
      { numRuns: 200 },
    );
  });
});
