import { DAY_MS, type PeriodOfDay, periodOfHour, ZoneWindow } from './clinic-time';
import {
  type Interval,
  intersect,
  normalize,
  overlapsNormalized,
  startsAvoiding,
  startsFitting,
  subtract,
  union,
} from './intervals';

export type { Interval } from './intervals';

/**
 * The in-memory availability sweep: given every relevant interval (already loaded by the caller), the
 * next free slots. Pure: no database, no clock.
 *
 * Each constraint is turned into the set of START instants it allows, as sorted intervals: a resource
 * that must contain the slot (clinic open, professional available) allows the starts s with
 * [s, s + occupied) inside one of its free intervals; a busy list (client, room, unit) allows the starts
 * whose range overlaps none of it. Sets of starts intersect (all constraints) and union (any room, any
 * unit of a kind) with linear two-pointer sweeps, then the local-time grid is walked lazily inside what
 * is left, so the cost is O(total intervals + slots returned), independent of the grid size. The
 * horizon is searched in disjoint windows of 1, 2, 4, … days, each reading only the intervals that touch
 * it (binary-search slices), and the search stops once `limit` slots are found: the next free slots
 * tomorrow cost a day's worth of intervals, not the month's.
 *
 * Rules (the brute-force reference in availability.test.ts is the executable spec):
 * - A slot occupies [start, start + (durationMin + bufferMin) min): Slot.end is that end, buffer included.
 * - start is on the clinic's local grid (local midnight, + stepMin, …; both occurrences of a repeated
 *   wall time count), fromMs <= start < toMs and start >= notBeforeMs.
 * - periodOfDay filters on the local hour of the start (manha < 12h <= tarde < 18h <= noite).
 * - The occupied range lies inside clinicOpen and the professional's `available`, and overlaps no busy
 *   interval of the professional, the room, the equipment units or the client.
 * - roomRequired: one room of `rooms` free over the range, the first in array order; without it no room
 *   is assigned (roomId null). Each equipment kind needs one free unit, the first in array order; a kind
 *   with no units makes every slot impossible.
 * - Ascending by start, then by the order of `professionals`; at most one slot per (start,
 *   professional); at most `limit` slots. Slots are alternatives: two of them may use the same room.
 */
export interface SlotQuery {
  durationMin: number;
  bufferMin: number;
  fromMs: number;
  toMs: number;
  stepMin: number;
  timeZone: string;
  limit: number;
  periodOfDay?: PeriodOfDay;
  notBeforeMs?: number;
  clinicOpen: Interval[];
  professionals: { id: string; available: Interval[]; busy: Interval[] }[];
  rooms: { id: string; busy: Interval[] }[];
  roomRequired: boolean;
  equipment: { kind: string; units: { id: string; busy: Interval[] }[] }[];
  clientBusy: Interval[];
}

export interface Slot {
  start: number;
  end: number;
  professionalId: string;
  roomId: string | null;
  equipmentIds: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function validate(q: SlotQuery): void {
  if (!(q.durationMin > 0) || !Number.isFinite(q.durationMin))
    throw new RangeError('durationMin must be positive');
  if (!(q.bufferMin >= 0) || !Number.isFinite(q.bufferMin)) throw new RangeError('bufferMin must be >= 0');
  if (!Number.isInteger(q.limit) || q.limit < 0) throw new RangeError('limit must be a non-negative integer');
  if (!Number.isInteger(q.stepMin) || q.stepMin < 1 || q.stepMin > 1440) {
    throw new RangeError('stepMin must be an integer from 1 to 1440');
  }
}

/** Starts allowed by "one of these busy lists is free over the range" (any room, any unit of a kind). */
function anyFree(busyLists: readonly (readonly Interval[])[], length: number, window: Interval): Interval[] {
  return union(...busyLists.map((busy) => startsAvoiding(busy, length, window)));
}

/** The part of a normalised set that can touch [from, to): binary search, no scan. */
function slice(set: readonly Interval[], from: number, to: number): readonly Interval[] {
  let lo = 0;
  let hi = set.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((set[mid] as Interval).end <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  hi = set.length;
  while (end < hi) {
    const mid = (end + hi) >> 1;
    if ((set[mid] as Interval).start < to) end = mid + 1;
    else hi = mid;
  }
  return lo === 0 && end === set.length ? set : set.slice(lo, end);
}

interface Prepared {
  length: number;
  stepMin: number;
  limit: number;
  roomRequired: boolean;
  zone: ZoneWindow;
  accept: ((wall: number) => boolean) | undefined;
  open: Interval[];
  clientBusy: Interval[];
  professionals: { id: string; available: Interval[]; busy: Interval[] }[];
  rooms: { id: string; busy: Interval[] }[];
  equipment: { kind: string; units: { id: string; busy: Interval[] }[] }[];
}

/** The first `limit` (start, professional index) pairs with start in `window`, in order. */
function searchWindow(p: Prepared, window: Interval, limit: number): { start: number; index: number }[] {
  const { length } = p;
  const reachEnd = window.end + length - 1;
  const cut = (set: readonly Interval[]) => slice(set, window.start, reachEnd);

  // Starts allowed by every constraint shared by all professionals.
  const open = intersect(cut(p.open), [{ start: window.start, end: reachEnd }]);
  let shared = intersect(startsFitting(subtract(open, cut(p.clientBusy)), length), [window]);
  if (p.roomRequired && shared.length > 0) {
    shared = intersect(
      shared,
      anyFree(
        p.rooms.map((r) => cut(r.busy)),
        length,
        window,
      ),
    );
  }
  for (const kind of p.equipment) {
    if (shared.length === 0) break;
    shared = intersect(
      shared,
      anyFree(
        kind.units.map((u) => cut(u.busy)),
        length,
        window,
      ),
    );
  }
  if (shared.length === 0) return [];

  // Each professional contributes at most `limit` starts, so the merged first `limit` are exact.
  const candidates: { start: number; index: number }[] = [];
  p.professionals.forEach((prof, index) => {
    const free = subtract(intersect(cut(prof.available), open), cut(prof.busy));
    const starts = intersect(startsFitting(free, length), shared);
    let taken = 0;
    for (const start of p.zone.gridStarts(starts, p.stepMin, p.accept)) {
      candidates.push({ start, index });
      if (++taken >= limit) break;
    }
  });
  candidates.sort((a, b) => a.start - b.start || a.index - b.index);
  return candidates.slice(0, limit);
}

/** The first window searched; each next one is twice as long, so a near answer costs a near look. */
const FIRST_WINDOW_MS = DAY_MS;

/** `tuning.firstWindowMs` only lets tests move the window boundaries around. */
export function findSlots(q: SlotQuery, tuning: { firstWindowMs?: number } = {}): Slot[] {
  validate(q);
  const length = Math.round((q.durationMin + q.bufferMin) * MINUTE);
  const horizon: Interval = { start: Math.max(q.fromMs, q.notBeforeMs ?? q.fromMs), end: q.toMs };
  if (q.limit === 0 || !(horizon.start < horizon.end)) return [];
  const period = q.periodOfDay;
  const p: Prepared = {
    length,
    stepMin: q.stepMin,
    limit: q.limit,
    roomRequired: q.roomRequired,
    zone: new ZoneWindow(q.timeZone, horizon.start, horizon.end),
    accept: period
      ? (wall: number) => periodOfHour(Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / HOUR)) === period
      : undefined,
    // normalize() returns already sorted lists as they are, after an O(n) check.
    open: normalize(q.clinicOpen),
    clientBusy: normalize(q.clientBusy),
    professionals: q.professionals.map((x) => ({
      id: x.id,
      available: normalize(x.available),
      busy: normalize(x.busy),
    })),
    rooms: q.rooms.map((r) => ({ id: r.id, busy: normalize(r.busy) })),
    equipment: q.equipment.map((kind) => ({
      kind: kind.kind,
      units: kind.units.map((u) => ({ id: u.id, busy: normalize(u.busy) })),
    })),
  };

  // Disjoint, growing windows of starts: every slot of one window precedes every slot of the next, so
  // the first `limit` of their concatenation are the first `limit` overall.
  const found: { start: number; index: number }[] = [];
  let span = Math.max(MINUTE, tuning.firstWindowMs ?? FIRST_WINDOW_MS);
  for (let from = horizon.start; from < horizon.end && found.length < q.limit; from += span, span *= 2) {
    const window = { start: from, end: Math.min(horizon.end, from + span) };
    found.push(...searchWindow(p, window, q.limit - found.length));
  }

  return found.map(({ start, index }) => {
    const range = { start, end: start + length };
    const room = q.roomRequired ? p.rooms.find((r) => !overlapsNormalized(r.busy, range)) : undefined;
    return {
      start,
      end: range.end,
      professionalId: (p.professionals[index] as Prepared['professionals'][number]).id,
      roomId: room?.id ?? null,
      equipmentIds: p.equipment.map(
        (kind) => kind.units.find((u) => !overlapsNormalized(u.busy, range))?.id ?? '',
      ),
    };
  });
}
