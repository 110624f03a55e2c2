/**
 * Availability search in memory: findSlots for the next 10 slots over 30 days in a clinic with 30
 * professionals, 5 rooms and 2 lasers shared between them, agendas about 70% booked (lunch breaks,
 * Saturdays, a few absences). The intervals are what the scheduling service loads from the database;
 * this measures the pure sweep only. Prints one JSON line with p50/p99 per query shape.
 *
 * Usage: npx tsx bench/availability.ts [--queries 500] [--seed 42]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createRng } from '../packages/server/src/demo/random';
import { findSlots, type SlotQuery } from '../packages/server/src/modules/scheduling/availability';
import {
  addDays,
  expandWeekly,
  instantAt,
  type WeeklyRule,
} from '../packages/server/src/modules/scheduling/clinic-time';
import {
  type Interval,
  normalize,
  overlaps,
  totalLength,
} from '../packages/server/src/modules/scheduling/intervals';
import { emitJsonLine, loadAverage, percentile, roundTo } from './support';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '500' },
    seed: { type: 'string', default: '42' },
  },
});
const QUERIES = Number(values.queries);
const rng = createRng(Number(values.seed));

const TZ = 'America/Sao_Paulo';
const FIRST_DAY = '2026-03-02'; // a Monday
const DAYS = 30;
const PROFESSIONALS = 30;
const ROOMS = 5;
const LASERS = 2;
const TARGET_LOAD = 0.7;
const MIN = 60_000;

const from = instantAt(FIRST_DAY, '00:00', TZ);
const to = instantAt(addDays(FIRST_DAY, DAYS + 7), '00:00', TZ); // a week of slack for later starts

const rules = (days: number[], start: string, end: string): WeeklyRule[] =>
  days.map((weekday) => ({ weekday, start, end }));
const clinicOpen = expandWeekly(
  [...rules([1, 2, 3, 4, 5], '08:00', '20:00'), ...rules([6], '08:00', '14:00')],
  from,
  to,
  TZ,
);

const rooms = Array.from({ length: ROOMS }, (_, i) => ({ id: `sala-${i + 1}`, busy: [] as Interval[] }));
const lasers = Array.from({ length: LASERS }, (_, i) => ({ id: `laser-${i + 1}`, busy: [] as Interval[] }));

// Professionals: morning or evening shifts with a lunch break, some work Saturdays, a few absences.
const professionals = Array.from({ length: PROFESSIONALS }, (_, i) => {
  const early = i % 2 === 0;
  const weekly = [
    ...rules([1, 2, 3, 4, 5], early ? '08:00' : '10:00', early ? '12:00' : '14:00'),
    ...rules([1, 2, 3, 4, 5], early ? '13:00' : '15:00', early ? '18:00' : '20:00'),
    ...(i % 3 === 0 ? rules([6], '08:00', '14:00') : []),
  ];
  let available = expandWeekly(weekly, from, to, TZ);
  if (i % 7 === 0) {
    const absence = {
      start: instantAt(addDays(FIRST_DAY, 10 + i), '00:00', TZ),
      end: instantAt(addDays(FIRST_DAY, 13 + i), '00:00', TZ),
    };
    available = normalize(available.flatMap((iv) => (overlaps([absence], iv) ? [] : [iv])));
  }
  return { id: `prof-${i + 1}`, available, busy: [] as Interval[] };
});

// Fill each agenda to about TARGET_LOAD with 30–90 min appointments plus a 15 min buffer. The 5 rooms
// are those of the treatment's type (the other professionals work in other rooms), so each room and
// each professional is filled independently; a third of the room bookings also hold a free laser.
function fill(free: Interval[], onBook: (range: Interval) => boolean): number {
  let booked = 0;
  let seen = 0;
  for (const iv of free) {
    let t = iv.start;
    while (t < iv.end) {
      const range = { start: t, end: t + (rng.int(2, 6) * 15 + 15) * MIN };
      // Book eagerly while under the target load, rarely above it: the agenda ends near TARGET_LOAD.
      const chance = booked < TARGET_LOAD * (seen + 1) ? 0.8 : 0.1;
      if (range.end <= iv.end && rng.next() < chance && onBook(range)) {
        booked += range.end - range.start;
        seen += range.end - range.start;
        t = range.end;
      } else {
        seen += 15 * MIN;
        t += 15 * MIN;
      }
    }
  }
  return booked;
}
let bookedMs = 0;
let availableMs = 0;
for (const p of professionals) {
  availableMs += totalLength(p.available);
  bookedMs += fill(p.available, (range) => p.busy.push(range) > 0);
}
let roomBookedMs = 0;
for (const room of rooms) {
  roomBookedMs += fill(clinicOpen, (range) => {
    room.busy.push(range);
    const laser = rng.chance(1 / 3) ? lasers.find((l) => !overlaps(l.busy, range)) : undefined;
    laser?.busy.push(range);
    return true;
  });
}
const load = (booked: number, total: number) => roundTo(booked / total, 2);
const clientBusy = [
  {
    start: instantAt(addDays(FIRST_DAY, 1), '10:00', TZ),
    end: instantAt(addDays(FIRST_DAY, 1), '11:00', TZ),
  },
];

// Single queries take well under a millisecond: report them to the microsecond.
const round = (ms: number) => roundTo(ms, 3);

function measure(make: (startDay: number) => SlotQuery) {
  for (let i = 0; i < 50; i++) findSlots(make(i % 7)); // warm-up (JIT)
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = make(rng.int(0, 6));
    const started = performance.now();
    found += findSlots(q).length;
    samples.push(performance.now() - started);
  }
  const sorted = samples.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    n: QUERIES,
    avgSlots: roundTo(found / QUERIES, 2),
  };
}

const base = (startDay: number, over: Partial<SlotQuery> = {}): SlotQuery => {
  const fromMs = instantAt(addDays(FIRST_DAY, startDay), '07:00', TZ) + rng.int(0, 600) * MIN;
  return {
    durationMin: 60,
    bufferMin: 15,
    fromMs,
    toMs: fromMs + DAYS * 24 * 60 * MIN,
    stepMin: 15,
    timeZone: TZ,
    limit: 10,
    clinicOpen,
    professionals,
    rooms,
    roomRequired: true,
    equipment: [],
    clientBusy,
    ...over,
  };
};

const results = {
  // Any competent professional, a room, next 10 slots.
  anyProfessional: measure((d) => base(d)),
  // Laser treatment: a room and one of the two shared lasers.
  laser: measure((d) => base(d, { equipment: [{ kind: 'laser', units: lasers }] })),
  // Evening only, laser, one professional: the sweep walks much further into the month.
  eveningOneProfessional: measure((d) =>
    base(d, {
      periodOfDay: 'noite',
      equipment: [{ kind: 'laser', units: lasers }],
      professionals: professionals.slice(1, 2),
    }),
  ),
  // Nothing fits (evening slots asked of the 15 professionals who stop at 18:00): the whole 30 days
  // are swept for every one of them.
  noSlotFullScan: measure((d) =>
    base(d, { periodOfDay: 'noite', professionals: professionals.filter((_, i) => i % 2 === 0) }),
  ),
};

emitJsonLine({
  bench: 'availability',
  days: DAYS,
  professionals: PROFESSIONALS,
  rooms: ROOMS,
  lasers: LASERS,
  stepMin: 15,
  limit: 10,
  load: {
    professionals: load(bookedMs, availableMs),
    rooms: load(roomBookedMs, ROOMS * totalLength(clinicOpen)),
    lasers: load(
      lasers.reduce((n, l) => n + totalLength(l.busy), 0),
      LASERS * totalLength(clinicOpen),
    ),
  },
  appointments: professionals.reduce((n, p) => n + p.busy.length, 0),
  // Context for the p99: the machine is shared, and a busy one shows in the tail.
  machine: { cpus: os.cpus().length, loadAvg1m: loadAverage(2)[0] ?? 0 },
  results,
});
