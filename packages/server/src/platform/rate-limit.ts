/**
 * In-process sliding-window limiter (per key, e.g. per IP). Each API process limits independently, so
 * N processes allow up to N × limit: acceptable for slowing brute force, which the per-account
 * throttle in the database bounds across processes anyway.
 */
export type RateLimiter = { hit: (key: string, now: number) => boolean; reset: () => void };

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const hits = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 50_000;
  return {
    /** Records a hit; false when the key is over its limit (the hit is then not recorded). */
    hit: (key, now) => {
      const recent = (hits.get(key) ?? []).filter((t) => now - t < options.windowMs);
      if (recent.length >= options.limit) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.delete(key);
      hits.set(key, recent);
      // Bounded memory: drop the least recently used keys.
      while (hits.size > maxKeys) {
        const oldest = hits.keys().next().value;
        if (oldest === undefined) break;
        hits.delete(oldest);
      }
      return true;
    },
    reset: () => hits.clear(),
  };
}
