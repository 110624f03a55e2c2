import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  delayAfterFailures,
  isLocked,
  LOCKOUT_THRESHOLD,
  type ThrottleState,
} from './login-throttle';

describe('login throttle', () => {
  it('slows each failure more and locks on the fifth in a row', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    let state: ThrottleState | undefined;
    const delays: number[] = [];
    for (let i = 1; i <= LOCKOUT_THRESHOLD; i++) {
      state = afterFailure(state, new Date(now.getTime() + i * 1000));
      delays.push(delayAfterFailures(state.failures));
      expect(isLocked(state, new Date(now.getTime() + i * 1000 + 1))).toBe(i === LOCKOUT_THRESHOLD);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(isLocked(state, new Date(now.getTime() + 16 * 60_000))).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const first = afterFailure(undefined, new Date('2026-11-25T10:00:00Z'));
    const much_later = afterFailure({ ...first, failures: 4 }, new Date('2026-11-25T11:00:00Z'));
    expect(much_later.failures).toBe(1);
    expect(much_later.lockedUntil).toBeNull();
  });
});
