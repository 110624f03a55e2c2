import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contains,
  type Interval,
  intersect,
  isNormalized,
  normalize,
  overlaps,
  startsAvoiding,
  startsFitting,
  subtract,
  totalLength,
  union,
} from './intervals';

// Point model: on a small integer line, a set is the array of points it covers.
const LINE = 60;
const covered = (set: readonly Interval[]) => {
  const points = new Array<boolean>(LINE).fill(false);
  for (const iv of set) for (let t = Math.max(0, iv.start); t < Math.min(LINE, iv.end); t++) points[t] = true;
  return points;
};

const interval = fc
  .tuple(fc.integer({ min: 0, max: LINE }), fc.integer({ min: 0, max: 12 }))
  .map(([start, len]) => ({ start, end: Math.min(LINE, start + len) }));
// Includes reversed and empty intervals, which every function must ignore.
const messyInterval = fc.oneof(
  interval,
  fc.tuple(fc.integer({ min: 0, max: LINE }), fc.integer({ min: 0, max: LINE })).map(([a, b]) => ({
    start: a,
    end: b,
  })),
);
const set = fc.array(messyInterval, { maxLength: 8 });

describe('interval algebra (half-open, epoch ms)', () => {
  it('normalize keeps the covered points and yields sorted, disjoint, non-adjacent intervals', () => {
    fc.assert(
      fc.property(set, (s) => {
        const n = normalize(s);
        expect(isNormalized(n)).toBe(true);
        expect(covered(n)).toEqual(covered(s.filter((iv) => iv.start < iv.end)));
      }),
    );
  });

  it('touching intervals merge, overlapping ones too, empty ones vanish', () => {
    expect(
      normalize([
        { start: 12, end: 18 },
        { start: 9, end: 12 },
        { start: 20, end: 20 },
        { start: 30, end: 25 },
        { start: 19, end: 22 },
        { start: 21, end: 24 },
      ]),
    ).toEqual([
      { start: 9, end: 18 },
      { start: 19, end: 24 },
    ]);
  });

  it('union, intersect and subtract agree with the point model', () => {
    fc.assert(
      fc.property(set, set, (a, b) => {
        const pa = covered(a.filter((iv) => iv.start < iv.end));
        const pb = covered(b.filter((iv) => iv.start < iv.end));
        const u = union(a, b);
        const i = intersect(a, b);
        const d = subtract(a, b);
        for (const r of [u, i, d]) expect(isNormalized(r)).toBe(true);
        expect(covered(u)).toEqual(pa.map((x, k) => x || pb[k]));
        expect(covered(i)).toEqual(pa.map((x, k) => x && pb[k]));
        expect(covered(d)).toEqual(pa.map((x, k) => x && !pb[k]));
        expect(totalLength(u)).toBe(totalLength(a) + totalLength(b) - totalLength(i));
      }),
    );
  });

  it('contains and overlaps agree with the point model', () => {
    fc.assert(
      fc.property(set, interval, (s, iv) => {
        const p = covered(s.filter((x) => x.start < x.end));
        const inside = p.slice(iv.start, iv.end);
        expect(contains(s, iv)).toBe(inside.every(Boolean));
        expect(overlaps(s, iv)).toBe(inside.some(Boolean));
      }),
    );
  });

  it('a booking ending when the next one starts does not overlap it', () => {
    const busy = [{ start: 10, end: 20 }];
    expect(overlaps(busy, { start: 0, end: 10 })).toBe(false);
    expect(overlaps(busy, { start: 20, end: 30 })).toBe(false);
    expect(overlaps(busy, { start: 19, end: 30 })).toBe(true);
    expect(contains(busy, { start: 10, end: 20 })).toBe(true);
    expect(contains(busy, { start: 10, end: 21 })).toBe(false);
  });

  it('startsFitting and startsAvoiding list exactly the starts of a fitting or conflict-free range', () => {
    fc.assert(
      fc.property(set, fc.integer({ min: 1, max: 10 }), (s, length) => {
        const free = covered(s.filter((x) => x.start < x.end));
        const fits = covered(startsFitting(s, length));
        const avoids = covered(startsAvoiding(s, length, { start: 0, end: LINE }));
        for (let t = 0; t < LINE; t++) {
          const range = Array.from({ length }, (_, k) => t + k);
          expect(fits[t]).toBe(range.every((x) => x < LINE && free[x]));
          expect(avoids[t]).toBe(range.every((x) => x >= LINE || !free[x]));
        }
      }),
    );
  });
});
