/**
 * Two bookings that collide on two exclusion constraints at once (the same professional AND the same
 * room, say) can each wait for the other's transaction: PostgreSQL checks an exclusion constraint after
 * inserting the index entry, and its deadlock detector then aborts one of them (SQLSTATE 40P01). That
 * transaction changed nothing, so it is safe to run it again: the retry sees the winner's row and gets
 * the ordinary pt-BR conflict ("A profissional já tem um atendimento nesse horário") instead of a
 * generic error. Found by the contended-booking benchmark (docs/benchmarks.md).
 */
const RETRYABLE = new Set(['40P01', '40001']);

function sqlStateOf(error: unknown): string | null {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const state = sqlStateOf(error);
      if (attempt >= attempts || state === null || !RETRYABLE.has(state)) throw error;
    }
  }
}
