import { randomBytes } from 'node:crypto';
import type { TCouncil, TStaffRole } from '@clinia/contracts';
import { cnpjCheckDigits, cpfCheckDigits, LICENSED_ROLE_COUNCIL } from '@clinia/contracts';
import type { Database } from '../db/client';
import {
  clients,
  clinics,
  memberships,
  organizations,
  products,
  professionalLicences,
  sessions,
  users,
} from '../db/schema';
import { seedDefaultConsentDocuments } from '../modules/clients/clients.service';
import { csrfTokenFor, tokenHash } from '../modules/identity/identity.service';
import { hashPassword } from '../modules/identity/password';
import { seedDefaultCompetencePolicy } from '../modules/organizations/organizations.service';
import { createCaller } from '../trpc/app-router';
import type { Context } from '../trpc/context';
import { signedInContext } from './context';

/**
 * Test data written straight to the database (as the owner), for tests that need an organisation,
 * users in every role and ready sessions without walking through sign-in each time.
 */
export const TEST_PASSWORD = 'cafezinho com pão de queijo';
let cachedHash: Promise<string> | null = null;
const passwordHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
};

export type TestOrg = { organizationId: string; clinicId: string; otherClinicId: string };

export async function createTestOrganization(database: Database, name = 'Rede Teste'): Promise<TestOrg> {
  return database.db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ name }).returning();
    if (!org) throw new Error('no org');
    const cnpj = () => {
      const base = `${`${randomBytes(4).readUInt32BE(0) % 100_000_000}`.padStart(8, '0')}0001`;
      return base + cnpjCheckDigits(base);
    };
    const address = {
      street: 'Rua Teste',
      number: '1',
      district: 'Centro',
      city: 'São Paulo',
      uf: 'SP',
      cep: '01000000',
    };
    const [clinic] = await tx
      .insert(clinics)
      .values({
        organizationId: org.id,
        name: `${name} Centro`,
        cnpj: cnpj(),
        timeZone: 'America/Sao_Paulo',
        address,
      })
      .returning();
    const [other] = await tx
      .insert(clinics)
      .values({
        organizationId: org.id,
        name: `${name} Norte`,
        cnpj: cnpj(),
        timeZone: 'America/Manaus',
        address,
      })
      .returning();
    if (!clinic || !other) throw new Error('no clinic');
    await seedDefaultCompetencePolicy(tx, org.id, new Date('2026-11-01T00:00:00Z'));
    await seedDefaultConsentDocuments(tx, org.id, new Date('2026-11-01T00:00:00Z'));
    return { organizationId: org.id, clinicId: clinic.id, otherClinicId: other.id };
  });
}

export type TestUserOptions = {
  roles: TStaffRole[];
  clinicId: string;
  email?: string;
  /** Create a verified, active licence in the council of each licensed role. */
  withActiveLicence?: boolean;
  mfaEnrolled?: boolean;
};

export async function createTestUser(
  database: Database,
  org: TestOrg,
  options: TestUserOptions,
): Promise<{ userId: string; email: string }> {
  const email = options.email ?? `u${randomBytes(5).toString('hex')}@teste.example`;
  const hash = await passwordHash();
  return database.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: org.organizationId,
        email,
        fullName: `Pessoa ${options.roles.join(' ')}`,
        status: 'active',
        passwordHash: hash,
        mfaEnrolledAt: options.mfaEnrolled ? new Date('2026-11-01T00:00:00Z') : null,
      })
      .returning();
    if (!user) throw new Error('no user');
    await tx.insert(memberships).values(
      options.roles.map((role) => ({
        organizationId: org.organizationId,
        clinicId: options.clinicId,
        userId: user.id,
        role,
      })),
    );
    if (options.withActiveLicence) {
      for (const role of options.roles) {
        const council = LICENSED_ROLE_COUNCIL[role] as TCouncil | undefined;
        if (!council) continue;
        await tx.insert(professionalLicences).values({
          organizationId: org.organizationId,
          userId: user.id,
          council,
          number: String(100_000 + Math.floor(Math.random() * 800_000)),
          uf: 'SP',
          status: 'ativa',
          verificationMethod: 'manual',
        });
      }
    }
    return { userId: user.id, email };
  });
}

/** A user of the staff roster of a test, with the organisation it belongs to. */
export type TestStaffMember = { userId: string; email: string; org: TestOrg };

/** How to create one staff member: createTestUser's options, in `org` (the roster's unless told). */
export type TestStaffSpec = Omit<TestUserOptions, 'clinicId'> & { org?: TestOrg; clinicId?: string };

/**
 * The staff of a test, one user per key, created in the order given (in the main clinic of their
 * organisation unless a clinic is named).
 */
export async function createTestStaff<K extends string>(
  database: Database,
  org: TestOrg,
  specs: Record<K, TestStaffSpec>,
): Promise<Record<K, TestStaffMember>> {
  const staff = {} as Record<K, TestStaffMember>;
  for (const [key, spec] of Object.entries(specs) as [K, TestStaffSpec][]) {
    const { org: own = org, clinicId = own.clinicId, ...options } = spec;
    staff[key] = { ...(await createTestUser(database, own, { ...options, clinicId })), org: own };
  }
  return staff;
}

/**
 * A maker of staff for fixtures that build a whole clinic: each call creates one MFA-enrolled user with
 * these roles in `org`'s main clinic, with an active licence for each licensed role unless `licence`
 * is false.
 */
export function enrolledStaffMaker(database: Database, org: TestOrg) {
  return async (roles: TStaffRole[], licence = true): Promise<TestStaffMember> => ({
    ...(await createTestUser(database, org, {
      roles,
      clinicId: org.clinicId,
      withActiveLicence: licence,
      mfaEnrolled: true,
    })),
    org,
  });
}

/** The staff most tests need: a manager, a licensed physician (both MFA-enrolled) and a receptionist. */
export const TEST_STAFF = {
  manager: { roles: ['gestor'], mfaEnrolled: true },
  doctor: { roles: ['medico'], withActiveLicence: true, mfaEnrolled: true },
  reception: { roles: ['recepcionista'] },
} satisfies Record<string, TestStaffSpec>;

export type TestSessionOptions = {
  clinicId?: string;
  now: Date;
  mfaVerified?: boolean;
  reauthenticated?: boolean;
};

/**
 * A caller for createCaller signed in as the staff member: a new session in the member's organisation,
 * opened now by the base context's clock with MFA verified, unless the options say otherwise.
 */
export async function signInAs(
  database: Database,
  base: Context,
  member: TestStaffMember | undefined,
  options: Partial<TestSessionOptions> = {},
): Promise<ReturnType<typeof createCaller>> {
  if (!member) throw new Error('no such test user');
  const session = await createTestSession(database, member.org, member, {
    now: base.clock.now(),
    mfaVerified: true,
    ...options,
  });
  return createCaller(await signedInContext(base, { token: session.token }));
}

/** Valid, distinct CPFs for one test file: `start` (nine digits) and up, with their check digits. */
export function cpfSequence(start: number): () => string {
  let next = start;
  return () => {
    const base = String(next++);
    return base + cpfCheckDigits(base);
  };
}

/** The products most tests stock, as a clinic registers them (ANVISA fields only). */
export const TEST_PRODUCTS = {
  toxin: {
    name: 'Toxina botulínica 100 U',
    manufacturer: 'Fabricante A',
    anvisaCategory: 'medicamento',
    anvisaNumber: '1234567890123',
    unit: 'U',
  },
  filler: {
    name: 'Ácido hialurônico 1 mL',
    manufacturer: 'Fabricante B',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80123450001',
    riskClass: 'IV',
    unit: 'seringa',
  },
} satisfies Record<string, TestProduct>;

export type TestProduct = Omit<
  typeof products.$inferInsert,
  'organizationId' | 'registryCheck' | 'registryCheckedAt'
>;

/**
 * Products of the organisation, one per key, written straight to the table with the registry check
 * overridden at `now` (as a manager's override leaves them). Returns their ids by key.
 */
export async function insertTestProducts<K extends string>(
  database: Database,
  org: TestOrg,
  now: Date,
  specs: Record<K, TestProduct>,
): Promise<Record<K, string>> {
  const keys = Object.keys(specs) as K[];
  const rows = await database.db
    .insert(products)
    .values(
      keys.map((key) => ({
        registryCheck: 'override',
        registryCheckedAt: now,
        organizationId: org.organizationId,
        ...specs[key],
      })),
    )
    .returning({ id: products.id });
  return Object.fromEntries(keys.map((key, i) => [key, rows[i]?.id ?? ''])) as Record<K, string>;
}

/** A client row written straight to the table (no consents, no contact data); returns its id. */
export async function insertTestClient(
  database: Database,
  org: TestOrg,
  client: { fullName: string; birthDate: string } & Partial<typeof clients.$inferInsert>,
): Promise<string> {
  const [row] = await database.db
    .insert(clients)
    .values({ organizationId: org.organizationId, sex: 'F', preferredChannel: 'whatsapp', ...client })
    .returning({ id: clients.id });
  return row?.id ?? '';
}

/**
 * A session row for the user, with MFA verified and a recent re-authentication when asked. Returns the
 * raw token (as the cookie would carry it) and its CSRF header.
 */
export async function createTestSession(
  database: Database,
  org: TestOrg,
  user: { userId: string },
  options: TestSessionOptions,
): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  await database.db.insert(sessions).values({
    organizationId: org.organizationId,
    userId: user.userId,
    tokenHash: tokenHash(token),
    clinicId: options.clinicId ?? org.clinicId,
    createdAt: options.now,
    lastSeenAt: options.now,
    expiresAt: new Date(options.now.getTime() + 12 * 3_600_000),
    mfaVerifiedAt: options.mfaVerified ? options.now : null,
    reauthenticatedAt: options.reauthenticated ? options.now : null,
  });
  return { token, csrf: csrfTokenFor(token) };
}
