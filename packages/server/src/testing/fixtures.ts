import { randomBytes } from 'node:crypto';
import type { TCouncil, TStaffRole } from '@clinia/contracts';
import { cnpjCheckDigits, LICENSED_ROLE_COUNCIL } from '@clinia/contracts';
import type { Database } from '../db/client';
import { clinics, memberships, organizations, professionalLicences, sessions, users } from '../db/schema';
import { seedDefaultConsentDocuments } from '../modules/clients/clients.service';
import { csrfTokenFor, tokenHash } from '../modules/identity/identity.service';
import { hashPassword } from '../modules/identity/password';
import { seedDefaultCompetencePolicy } from '../modules/organizations/organizations.service';

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

/**
 * A session row for the user, with MFA verified and a recent re-authentication when asked. Returns the
 * raw token (as the cookie would carry it) and its CSRF header.
 */
export async function createTestSession(
  database: Database,
  org: TestOrg,
  user: { userId: string },
  options: { clinicId?: string; now: Date; mfaVerified?: boolean; reauthenticated?: boolean },
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
