import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './deadlock';

const pgError = (code: string) => Object.assign(new Error('db'), { cause: { code } });

describe('retryOnDeadlock', () => {
  it('runs a transaction aborted by the deadlock detector again and returns its result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls === 1) throw pgError('40P01');
      return 'booked';
    });
    expect(result).toBe('booked');
    expect(calls).toBe(2);
  });

  it('passes the conflict of the retry through (the user sees what is taken)', async () => {
    let calls = 0;
    const conflict = pgError('23P01');
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw calls === 1 ? pgError('40P01') : conflict;
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(2);
  });

  it('gives up after the last attempt and never retries other errors', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw pgError('40P01');
      }, 3),
    ).rejects.toThrow('db');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});
