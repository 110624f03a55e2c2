import { expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

it('allows `limit` hits per window per key, then refuses until the window slides', () => {
  const limiter = createRateLimiter({ limit: 3, windowMs: 1_000 });
  expect([0, 10, 20, 30].map((t) => limiter.hit('10.0.0.1', t))).toEqual([true, true, true, false]);
  expect(limiter.hit('10.0.0.2', 30)).toBe(true);
  expect(limiter.hit('10.0.0.1', 1_001)).toBe(true);
});
