import { type Database, SESSION_COOKIE } from '@clinia/server';
import { createTestSession } from '@clinia/server/testing';
// The agenda fixture (clinic hours, rooms, professionals, clients, treatments) is test code of the
// scheduling module; it is reused as is, on the database the API processes run on.
import { createAgendaFixture } from '../../../packages/server/src/modules/scheduling/test-support';

/**
 * Test support for realtime.int.test.ts: a bookable clinic in the shared database of the API
 * processes, and a tRPC-over-HTTP client that behaves like the web page (session cookie on every
 * request, CSRF header taken from `auth.me` on mutations).
 */

export async function bookingDeskFixture(database: Database, databaseUrl: string) {
  // The processes check sessions against the real time, so the fixture uses it too.
  const clock = {
    now: () => new Date(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  const fixture = await createAgendaFixture(Object.assign(database, { url: databaseUrl }), clock, {
    clients: 1,
  });
  const session = await createTestSession(database, fixture.org, fixture.people.reception, {
    now: clock.now(),
    mfaVerified: true,
  });
  return {
    organizationId: fixture.org.organizationId,
    clinicId: fixture.org.clinicId,
    receptionToken: session.token,
    clientId: fixture.clients[0] as string,
    treatmentId: fixture.treatments.cleansing,
  };
}

type TrpcEnvelope<T> = { result?: { data: T }; error?: { message?: string; data?: { code?: string } } };

async function unwrap<T>(path: string, response: Response): Promise<T> {
  const body = (await response.json()) as TrpcEnvelope<T>;
  if (!response.ok || !body.result) {
    throw new Error(`${path} failed (${response.status}): ${body.error?.data?.code ?? 'unknown'}`);
  }
  return body.result.data;
}

/** A signed-in page on `baseUrl`: queries by GET, mutations by POST with the session's CSRF token. */
export async function signedInClient(baseUrl: string, sessionToken: string) {
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;
  const query = async <T>(path: string, input?: unknown): Promise<T> => {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return unwrap<T>(path, await fetch(`${baseUrl}/trpc/${path}${search}`, { headers: { cookie } }));
  };
  const me = await query<{ csrfToken?: string }>('auth.me');
  const csrfToken = me.csrfToken;
  if (!csrfToken) throw new Error('auth.me gave no CSRF token');
  const mutation = async <T>(path: string, input: unknown): Promise<T> =>
    unwrap<T>(
      path,
      await fetch(`${baseUrl}/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify(input),
      }),
    );
  return { query, mutation };
}
