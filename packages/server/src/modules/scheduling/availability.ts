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
 * is left, so the cost is O(total intervals + slots returned), independent of the grid size.
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

export function findSlots(q: SlotQuery): Slot[] {
  validate(q);
  const length = Math.round((q.durationMin + q.bufferMin) * MINUTE);
  const window: Interval = { start: Math.max(q.fromMs, q.notBeforeMs ?? q.fromMs), end: q.toMs };
  if (q.limit === 0 || !(window.start < window.end)) return [];
  const reach: Interval = { start: window.start, end: window.end + length - 1 };

  // Starts allowed by every constraint shared by all professionals.
  const open = intersect(q.clinicOpen, [reach]);
  let shared = intersect(startsFitting(subtract(open, q.clientBusy), length), [window]);
  const rooms = q.rooms.map((r) => ({ id: r.id, busy: normalize(r.busy) }));
  if (q.roomRequired) {
    shared = intersect(
      shared,
      anyFree(
        rooms.map((r) => r.busy),
        length,
        window,
      ),
    );
  }
  const equipment = q.equipment.map((kind) => ({
    kind: kind.kind,
    units: kind.units.map((u) => ({ id: u.id, busy: normalize(u.busy) })),
  }));
  for (const kind of equipment) {
    if (shared.length === 0) break;
    shared = intersect(
      shared,
      anyFree(
        kind.units.map((u) => u.busy),
        length,
        window,
      ),
    );
  }
  if (shared.length === 0) return [];

  const zone = new ZoneWindow(q.timeZone, window.start, window.end);
  const period = q.periodOfDay;
  const accept = period
    ? (wall: number) => periodOfHour(Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / HOUR)) === period
    : undefined;

  // Each professional contributes at most `limit` starts, so the merged first `limit` are exact.
  const candidates: { start: number; index: number }[] = [];
  q.professionals.forEach((p, index) => {
    const free = subtract(intersect(p.available, open), p.busy);
    const starts = intersect(startsFitting(free, length), shared);
    let taken = 0;
    for (const start of zone.gridStarts(starts, q.stepMin, accept)) {
      candidates.push({ start, index });
      if (++taken >= q.limit) break;
    }
  });
  candidates.sort((a, b) => a.start - b.start || a.index - b.index);

  return candidates.slice(0, q.limit).map(({ start, index }) => {
    const range = { start, end: start + length };
    const room = q.roomRequired ? rooms.find((r) => !overlapsNormalized(r.busy, range)) : undefined;
    return {
      start,
      end: range.end,
      professionalId: (q.professionals[index] as SlotQuery['professionals'][number]).id,
      roomId: room?.id ?? null,
      equipmentIds: equipment.map(
        (kind) => kind.units.find((u) => !overlapsNormalized(u.busy, range))?.id ?? '',
      ),
    };
  });
}
