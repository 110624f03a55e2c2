/**
 * Brute-force rules, pure so they are tested without a clock or database. Per account (keyed by the
 * submitted e-mail, existing or not): each failure adds a growing delay before the answer, and the
 * fifth in a row locks sign-in for a while. Per IP: a sliding-window limit in platform/rate-limit.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
/** Failures older than this no longer count. */
export const FAILURE_WINDOW_MINUTES = 30;

/** Delay before answering after `failures` consecutive failures: 0, 0.5 s, 1 s, 2 s, 4 s (cap). */
export function delayAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(4_000, 250 * 2 ** failures);
}

export type ThrottleState = { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now);
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | undefined, now: Date): ThrottleState {
  const recent =
    state?.lastFailureAt && now.getTime() - state.lastFailureAt.getTime() < FAILURE_WINDOW_MINUTES * 60_000
      ? state.failures
      : 0;
  const failures = recent + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null,
  };
}
