/**
 * Half-open interval algebra on epoch milliseconds: an Interval covers every instant t with
 * start <= t < end, so [9h, 12h) and [12h, 18h) touch without overlapping and merge into [9h, 18h).
 *
 * A "set" is a list of intervals read as their union. Every function accepts any list (unsorted,
 * overlapping, with empty intervals) and returns a normalised one: sorted by start, non-empty,
 * pairwise disjoint and non-adjacent. Already normalised input is detected in O(n) and not re-sorted,
 * so chaining these functions stays linear.
 */
export interface Interval {
  start: number;
  end: number;
}

const byStart = (a: Interval, b: Interval) => a.start - b.start || a.end - b.end;

/** Whether `set` is already sorted, non-empty, disjoint and non-adjacent. */
export function isNormalized(set: readonly Interval[]): boolean {
  let prevEnd = Number.NEGATIVE_INFINITY;
  for (const iv of set) {
    if (!(iv.start < iv.end) || iv.start <= prevEnd) return false;
    prevEnd = iv.end;
  }
  return true;
}

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function normalize(set: readonly Interval[]): Interval[] {
  if (isNormalized(set)) return set as Interval[];
  const sorted = set.filter((iv) => iv.start < iv.end).sort(byStart);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) {
      if (iv.end > last.end) last.end = iv.end;
    } else {
      out.push({ start: iv.start, end: iv.end });
    }
  }
  return out;
}

export function union(...sets: readonly (readonly Interval[])[]): Interval[] {
  if (sets.length === 1) return normalize(sets[0] ?? []);
  return normalize(sets.flat());
}

/** Instants in both `a` and `b` (two-pointer sweep, O(|a| + |b|)). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = normalize(a);
  const y = normalize(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as Interval;
    const q = y[j] as Interval;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (start < end) out.push({ start, end });
    if (p.end < q.end) i++;
    else j++;
  }
  return out;
}

/** Instants in `a` and not in `b` (two-pointer sweep, O(|a| + |b|)). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = normalize(a);
  const y = normalize(b);
  const out: Interval[] = [];
  let j = 0;
  for (const iv of x) {
    let cursor = iv.start;
    while (j < y.length && (y[j] as Interval).end <= cursor) j++;
    let k = j;
    while (k < y.length && (y[k] as Interval).start < iv.end) {
      const cut = y[k] as Interval;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      if (cut.end > cursor) cursor = cut.end;
      if (cursor >= iv.end) break;
      k++;
    }
    if (cursor < iv.end) out.push({ start: cursor, end: iv.end });
  }
  return out;
}

/** Index of the last interval of a normalised set whose start is <= t, or -1. */
function lastStartingAtOrBefore(set: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = set.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((set[mid] as Interval).start <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Whether the whole of `iv` lies inside `set` (an empty `iv` is inside anything). Normalises `set`
 * first (O(n) check); containsNormalized skips that for hot loops.
 */
export function contains(set: readonly Interval[], iv: Interval): boolean {
  return containsNormalized(normalize(set), iv);
}

/** contains() for a set already normalised: O(log n). */
export function containsNormalized(set: readonly Interval[], iv: Interval): boolean {
  if (!(iv.start < iv.end)) return true;
  const candidate = set[lastStartingAtOrBefore(set, iv.start)];
  return candidate !== undefined && candidate.end >= iv.end;
}

/** Whether `iv` shares at least one instant with `set` (an empty `iv` overlaps nothing). */
export function overlaps(set: readonly Interval[], iv: Interval): boolean {
  return overlapsNormalized(normalize(set), iv);
}

/** overlaps() for a set already normalised: O(log n). */
export function overlapsNormalized(set: readonly Interval[], iv: Interval): boolean {
  if (!(iv.start < iv.end)) return false;
  const candidate = set[lastStartingAtOrBefore(set, iv.end - 1)];
  return candidate !== undefined && candidate.end > iv.start;
}

/** Total covered length in ms. */
export function totalLength(set: readonly Interval[]): number {
  return normalize(set).reduce((sum, iv) => sum + (iv.end - iv.start), 0);
}

/**
 * The start instants s for which [s, s + length) lies entirely inside `set`, as a normalised set:
 * each [a, b) long enough yields [a, b - length + 1) (starts are integer ms).
 */
export function startsFitting(set: readonly Interval[], length: number): Interval[] {
  const out: Interval[] = [];
  for (const iv of normalize(set)) {
    if (iv.end - iv.start >= length) out.push({ start: iv.start, end: iv.end - length + 1 });
  }
  return out;
}

/**
 * The start instants s in `window` for which [s, s + length) overlaps nothing in `busy`.
 * Equivalent to startsFitting(subtract([window extended by length], busy), length) ∩ window.
 */
export function startsAvoiding(busy: readonly Interval[], length: number, window: Interval): Interval[] {
  const free = subtract([{ start: window.start, end: window.end + length - 1 }], busy);
  return intersect(startsFitting(free, length), [window]);
}
