import { createHash } from 'node:crypto';
import {
  formatBrazilianPhone,
  formatCpf,
  normalizeBrazilianPhone,
  normalizeCpf,
  type TConsentPurpose,
  type TIntakeData,
  type TProcedureCategory,
} from '@clinia/contracts';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import { type Actor, decide } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { getClinicTimeZone } from '../organizations/organizations.service';
import {
  type ClientPageCursor,
  type ClientRow,
  type ClientSearch,
  findClientAccessEvents,
  findClientByCpfIndex,
  findClientById,
  findConsentDocument,
  findConsentEvents,
  findCurrentConsentDocuments,
  findGuardians,
  findIntakeHistory,
  findLatestIntake,
  findPossibleDuplicates,
  insertClient,
  insertConsentDocuments,
  insertConsentEvent,
  insertDuplicateFlags,
  insertIntake,
  searchClientsPage,
  updateClientRow,
} from './clients.queries';
import { DEFAULT_CONSENT_TEXTS } from './consent-texts';
import { maskCpf, maskEmail, maskPhone } from './masking';

/**
 * The client record under LGPD: sealed identifiers and contact data, audited reads, masked lists,
 * audited reveals, a versioned sealed health intake, and per-purpose consents with evidence.
 * Associated data binds each sealed value to its table, column and row.
 */

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const notFound = () => new AppError('NOT_FOUND', { userMessage: 'Cliente não encontrado.' });

/** The client row, if the client exists and is active (not blocked or anonymised); NOT_FOUND otherwise. */
async function requireActiveClient(tx: Tx, clientId: string): Promise<ClientRow> {
  const row = await findClientById(tx, clientId);
  if (row?.status !== 'active') throw notFound();
  return row;
}

/** A read of a client's health intake, recorded on the client (LGPD: reads of health data are audited). */
const auditIntakeRead = (tx: Tx, deps: ServiceDeps, actor: Actor, clientId: string, occurredAt: Date) =>
  recordActorAudit(tx, deps, actor, {
    action: 'client.intake.read',
    entityType: 'client',
    entityId: clientId,
    occurredAt,
  });

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export type ClientInput = {
  fullName: string;
  socialName?: string | undefined;
  cpf: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  gender?: string | undefined;
  mobile: string;
  email?: string | undefined;
  address?:
    | {
        street: string;
        number: string;
        complement?: string | undefined;
        district: string;
        city: string;
        uf: string;
        cep: string;
      }
    | undefined;
  emergencyContact?: { name: string; phone: string } | undefined;
  preferredChannel: 'whatsapp' | 'email' | 'sms' | 'telefone';
  guardianClientId?: string | undefined;
};

export type SignatureEvidence = {
  typedName: string;
  drawnSignaturePng?: string | undefined;
  signer: 'client' | 'guardian';
  channel: 'presencial_tablet' | 'presencial_papel' | 'portal';
};

/** Minors need a guardian who is an adult client of the same organisation (LGPD Art. 14). */
async function checkGuardian(tx: Tx, input: ClientInput, today: string): Promise<void> {
  const isMinor = ageOn(input.birthDate, today) < 18;
  if (!isMinor) return;
  if (!input.guardianClientId) {
    throw new AppError('GUARDIAN_REQUIRED', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Responsável legal: clientes menores de 18 anos precisam de um responsável cadastrado.',
      details: { field: 'guardianClientId' },
    });
  }
  const [guardian] = await findGuardians(tx, [input.guardianClientId]);
  if (!guardian || ageOn(guardian.birthDate, today) < 18) {
    throw new AppError('GUARDIAN_INVALID', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Responsável legal: escolha um cliente maior de idade já cadastrado.',
      details: { field: 'guardianClientId' },
    });
  }
}

function sealContact(deps: ServiceDeps, id: string, input: ClientInput) {
  const cpf = normalizeCpf(input.cpf) ?? input.cpf;
  const mobile = normalizeBrazilianPhone(input.mobile)?.e164 ?? input.mobile;
  return {
    cpfSealed: deps.keyring.seal(cpf, clientAad('cpf', id)),
    cpfIndex: deps.keyring.blindIndex(cpf, 'cpf'),
    mobileSealed: deps.keyring.seal(mobile, clientAad('mobile', id)),
    mobileIndex: deps.keyring.blindIndex(mobile, 'mobile'),
    emailSealed: input.email ? deps.keyring.seal(input.email, clientAad('email', id)) : null,
    addressSealed: input.address
      ? deps.keyring.seal(JSON.stringify(input.address), clientAad('address', id))
      : null,
    emergencyContactSealed: input.emergencyContact
      ? deps.keyring.seal(JSON.stringify(input.emergencyContact), clientAad('emergency_contact', id))
      : null,
  };
}

async function recordConsent(
  deps: ServiceDeps,
  tx: Tx,
  actor: Actor,
  input: {
    clientId: string;
    documentId: string;
    action: 'grant' | 'withdraw';
    evidence: SignatureEvidence;
    guardianClientId: string | null;
  },
) {
  const document = await findConsentDocument(tx, input.documentId);
  if (!document) {
    throw new AppError('CONSENT_DOCUMENT_NOT_FOUND', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Documento de consentimento não encontrado.',
      details: { field: 'documentId' },
    });
  }
  if (input.evidence.signer === 'guardian' && !input.guardianClientId) {
    throw new AppError('GUARDIAN_REQUIRED', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Quem assina: este cliente não tem responsável legal cadastrado.',
      details: { field: 'signer' },
    });
  }
  const now = deps.clock.now();
  const eventId = crypto.randomUUID();
  await insertConsentEvent(tx, {
    id: eventId,
    organizationId: actor.organizationId,
    clientId: input.clientId,
    documentId: document.id,
    purpose: document.purpose,
    procedureCategory: document.procedureCategory,
    action: input.action,
    occurredAt: now,
    channel: input.evidence.channel,
    collectedBy: actor.userId,
    signer: input.evidence.signer,
    guardianClientId: input.evidence.signer === 'guardian' ? input.guardianClientId : null,
    typedName: input.evidence.typedName,
    drawnSignatureSealed: input.evidence.drawnSignaturePng
      ? deps.keyring.seal(input.evidence.drawnSignaturePng, `consent_events.signature:${eventId}`)
      : null,
    documentSha256: document.bodySha256,
    ip: deps.ip ?? null,
    userAgent: deps.userAgent?.slice(0, 512) ?? null,
  });
  await recordActorAudit(tx, deps, actor, {
    action: input.action === 'grant' ? 'client.consent.grant' : 'client.consent.withdraw',
    entityType: 'client',
    entityId: input.clientId,
    changedFields: [`consent.${document.purpose}`],
    occurredAt: now,
  });
  return document;
}

/** Registers a client; the privacy notice acknowledgement is part of the same transaction. */
export async function registerClient(
  deps: ServiceDeps,
  actor: Actor,
  input: ClientInput & { privacyNotice: SignatureEvidence & { documentId: string } },
): Promise<{ clientId: string; possibleDuplicateIds: string[] }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const today = localDate(now, await getClinicTimeZone(tx, actor.clinicId));
    await checkGuardian(tx, input, today);
    const notice = await findConsentDocument(tx, input.privacyNotice.documentId);
    if (notice?.purpose !== 'aviso_privacidade') {
      throw new AppError('PRIVACY_NOTICE_REQUIRED', {
        kind: 'VALIDATION_FAILED',
        userMessage:
          'Aviso de privacidade: o cadastro só pode ser concluído com a ciência do aviso de privacidade.',
        details: { field: 'privacyNotice' },
      });
    }
    const id = crypto.randomUUID();
    const sealed = sealContact(deps, id, input);
    const existing = await findClientByCpfIndex(tx, actor.organizationId, sealed.cpfIndex);
    if (existing) {
      throw new AppError('CPF_TAKEN', {
        kind: 'CONFLICT',
        userMessage: 'CPF: já existe um cliente com este CPF nesta rede. Abra o cadastro existente.',
        details: { field: 'cpf', existingClientId: existing.id },
      });
    }
    const duplicates = await findPossibleDuplicates(
      tx,
      actor.organizationId,
      input.fullName,
      input.birthDate,
      sealed.mobileIndex,
    );
    await insertClient(tx, {
      id,
      organizationId: actor.organizationId,
      ...profileColumns(input, sealed),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await insertDuplicateFlags(
      tx,
      duplicates.map((d) => ({
        organizationId: actor.organizationId,
        clientId: id,
        possibleDuplicateOf: d.id,
        reason: 'nome_nascimento_celular',
        createdAt: now,
      })),
    );
    await recordActorAudit(tx, deps, actor, {
      action: 'client.create',
      entityType: 'client',
      entityId: id,
      changedFields: Object.keys(input).filter(
        (k) => k !== 'privacyNotice' && input[k as keyof ClientInput] !== undefined,
      ),
      occurredAt: now,
    });
    await recordConsent(deps, tx, actor, {
      clientId: id,
      documentId: notice.id,
      action: 'grant',
      evidence: input.privacyNotice,
      guardianClientId: input.guardianClientId ?? null,
    });
    return { clientId: id, possibleDuplicateIds: duplicates.map((d) => d.id) };
  });
}

/** Interprets the search box: a valid CPF, a phone number, or words of the name. */
export function parseClientQuery(query: string, keyring: ServiceDeps['keyring']): ClientSearch {
  const trimmed = query.trim();
  if (!trimmed) return { kind: 'all' };
  const cpf = /^[\d.\-\s]+$/.test(trimmed) ? normalizeCpf(trimmed) : null;
  if (cpf) return { kind: 'cpf', cpfIndex: keyring.blindIndex(cpf, 'cpf') };
  const phone = /^[+\d\s().-]+$/.test(trimmed) ? normalizeBrazilianPhone(trimmed) : null;
  if (phone) return { kind: 'mobile', mobileIndex: keyring.blindIndex(phone.e164, 'mobile') };
  const tokens = trimmed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 6);
  return { kind: 'name', tokens };
}

const ZCursor = z.object({
  p: z.union([z.literal(1), z.literal(2)]).default(1),
  n: z.string(),
  i: z.string().uuid(),
});

export type ClientListItem = {
  id: string;
  fullName: string;
  socialName: string | null;
  age: number;
  cpfMasked: string;
  mobileMasked: string;
};

/** One page of the client list; CPF and phone always masked. The search itself is audited, not its text. */
export async function searchClients(
  deps: ServiceDeps,
  actor: Actor,
  input: { query: string; cursor?: string | undefined; limit: number },
): Promise<{ items: ClientListItem[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  let after: ClientPageCursor | null = null;
  if (input.cursor) {
    const parsed = ZCursor.safeParse(
      JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8') || '{}'),
    );
    if (!parsed.success)
      throw new AppError('BAD_REQUEST', { userMessage: 'Página inválida. Recarregue a lista.' });
    after = { phase: parsed.data.p, nameSearch: parsed.data.n, id: parsed.data.i };
  }
  const search = parseClientQuery(input.query, deps.keyring);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const today = localDate(now, await getClinicTimeZone(tx, actor.clinicId));
    const rows = await searchClientsPage(tx, actor.organizationId, search, after, input.limit + 1);
    const page = rows.slice(0, input.limit);
    await recordActorAudit(tx, deps, actor, {
      action: 'client.search',
      entityType: 'client_list',
      changedFields: [`by_${search.kind}`],
      occurredAt: now,
    });
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        fullName: row.fullName,
        socialName: row.socialName,
        age: ageOn(row.birthDate, today),
        cpfMasked: row.cpfSealed ? maskCpf(deps.keyring.open(row.cpfSealed, clientAad('cpf', row.id))) : '—',
        mobileMasked: row.mobileSealed
          ? maskPhone(deps.keyring.open(row.mobileSealed, clientAad('mobile', row.id)))
          : '—',
      })),
      nextCursor:
        rows.length > input.limit && last
          ? Buffer.from(JSON.stringify({ p: last.phase, n: last.nameSearch, i: last.id })).toString(
              'base64url',
            )
          : null,
    };
  });
}

function profileOf(deps: ServiceDeps, row: ClientRow, today: string, canReveal: boolean) {
  const open = (value: string | null, column: string) =>
    value ? deps.keyring.open(value, clientAad(column, row.id)) : null;
  const email = open(row.emailSealed, 'email');
  const address = open(row.addressSealed, 'address');
  const emergency = open(row.emergencyContactSealed, 'emergency_contact');
  return {
    id: row.id,
    fullName: row.fullName,
    socialName: row.socialName,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    sex: row.sex as 'F' | 'M' | 'I',
    gender: row.gender,
    preferredChannel: row.preferredChannel as 'whatsapp' | 'email' | 'sms' | 'telefone',
    guardianClientId: row.guardianClientId,
    cpfMasked: maskCpf(open(row.cpfSealed, 'cpf') ?? ''),
    mobileMasked: maskPhone(open(row.mobileSealed, 'mobile') ?? ''),
    emailMasked: email ? maskEmail(email) : null,
    hasAddress: Boolean(address),
    hasEmergencyContact: Boolean(emergency),
    canReveal,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Opens a client record (an audited read). */
export async function getClient(deps: ServiceDeps, actor: Actor, clientId: string) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireActiveClient(tx, clientId);
    const today = localDate(now, await getClinicTimeZone(tx, actor.clinicId));
    await recordActorAudit(tx, deps, actor, {
      action: 'client.read',
      entityType: 'client',
      entityId: clientId,
      occurredAt: now,
    });
    const guardian = row.guardianClientId ? (await findGuardians(tx, [row.guardianClientId]))[0] : undefined;
    return {
      ...profileOf(deps, row, today, decide('clients.reveal', actor, now).allowed),
      guardian: guardian ? { id: guardian.id, fullName: guardian.fullName } : null,
    };
  });
}

export type RevealField = 'cpf' | 'mobile' | 'email' | 'address' | 'emergencyContact';

/** Shows one full value to a role allowed to see it; every reveal is audited with the field name. */
export async function revealClientField(
  deps: ServiceDeps,
  actor: Actor,
  input: { clientId: string; field: RevealField },
): Promise<{ value: string }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireActiveClient(tx, input.clientId);
    const sealed = {
      cpf: row.cpfSealed,
      mobile: row.mobileSealed,
      email: row.emailSealed,
      address: row.addressSealed,
      emergencyContact: row.emergencyContactSealed,
    }[input.field];
    const column = {
      cpf: 'cpf',
      mobile: 'mobile',
      email: 'email',
      address: 'address',
      emergencyContact: 'emergency_contact',
    }[input.field];
    await recordActorAudit(tx, deps, actor, {
      action: 'client.reveal',
      entityType: 'client',
      entityId: input.clientId,
      changedFields: [input.field],
      occurredAt: now,
    });
    if (!sealed) return { value: '' };
    const plain = deps.keyring.open(sealed, clientAad(column, row.id));
    if (input.field === 'cpf') return { value: formatCpf(plain) };
    if (input.field === 'mobile') return { value: formatBrazilianPhone(plain) };
    if (input.field === 'address') {
      const a = JSON.parse(plain) as {
        street: string;
        number: string;
        complement?: string;
        district: string;
        city: string;
        uf: string;
        cep: string;
      };
      return {
        value: `${a.street}, ${a.number}${a.complement ? `, ${a.complement}` : ''} · ${a.district} · ${a.city}/${a.uf} · CEP ${a.cep.replace(/^(\d{5})(\d{3})$/, '$1-$2')}`,
      };
    }
    if (input.field === 'emergencyContact') {
      const c = JSON.parse(plain) as { name: string; phone: string };
      return { value: `${c.name} · ${formatBrazilianPhone(c.phone)}` };
    }
    return { value: plain };
  });
}

/** The profile columns a registration or an edit writes: the form's values, contact data sealed. */
const profileColumns = (input: ClientInput, sealed: ReturnType<typeof sealContact>) => ({
  fullName: input.fullName,
  socialName: input.socialName ?? null,
  birthDate: input.birthDate,
  sex: input.sex,
  gender: input.gender ?? null,
  ...sealed,
  preferredChannel: input.preferredChannel,
  guardianClientId: input.guardianClientId ?? null,
});

/** Edits a client; changed field names (never values) go to the audit trail. */
export async function updateClient(
  deps: ServiceDeps,
  actor: Actor,
  input: ClientInput & { clientId: string },
): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireActiveClient(tx, input.clientId);
    const today = localDate(now, await getClinicTimeZone(tx, actor.clinicId));
    await checkGuardian(tx, input, today);
    const sealed = sealContact(deps, row.id, input);
    if (sealed.cpfIndex !== row.cpfIndex) {
      const other = await findClientByCpfIndex(tx, actor.organizationId, sealed.cpfIndex);
      if (other && other.id !== row.id) {
        throw new AppError('CPF_TAKEN', {
          kind: 'CONFLICT',
          userMessage: 'CPF: já existe outro cliente com este CPF nesta rede.',
          details: { field: 'cpf' },
        });
      }
    }
    const open = (value: string | null, column: string) =>
      value ? deps.keyring.open(value, clientAad(column, row.id)) : null;
    const changed = [
      row.fullName !== input.fullName && 'fullName',
      (row.socialName ?? undefined) !== input.socialName && 'socialName',
      row.birthDate !== input.birthDate && 'birthDate',
      row.sex !== input.sex && 'sex',
      (row.gender ?? undefined) !== input.gender && 'gender',
      sealed.cpfIndex !== row.cpfIndex && 'cpf',
      sealed.mobileIndex !== row.mobileIndex && 'mobile',
      open(row.emailSealed, 'email') !== (input.email ?? null) && 'email',
      open(row.addressSealed, 'address') !== (input.address ? JSON.stringify(input.address) : null) &&
        'address',
      open(row.emergencyContactSealed, 'emergency_contact') !==
        (input.emergencyContact ? JSON.stringify(input.emergencyContact) : null) && 'emergencyContact',
      row.preferredChannel !== input.preferredChannel && 'preferredChannel',
      (row.guardianClientId ?? undefined) !== input.guardianClientId && 'guardianClientId',
    ].filter((f): f is string => Boolean(f));
    if (changed.length === 0) return;
    await updateClientRow(tx, row.id, {
      ...profileColumns(input, sealed),
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'client.update',
      entityType: 'client',
      entityId: row.id,
      changedFields: changed,
      occurredAt: now,
    });
  });
}

/** The intake history, newest first (an audited read of health data). */
export async function getIntakeHistory(deps: ServiceDeps, actor: Actor, clientId: string) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    await requireActiveClient(tx, clientId);
    const history = await findIntakeHistory(tx, clientId);
    await auditIntakeRead(tx, deps, actor, clientId, now);
    return history.map((h) => ({
      version: h.version,
      recordedAt: h.recordedAt.toISOString(),
      recordedByName: h.recordedByName,
      data: openIntake(deps.keyring, clientId, h),
    }));
  });
}

/**
 * The latest intake and birth date of a client, inside the caller's transaction, for other modules'
 * checks (contraindications at booking, planning and sessions). Recorded as a read of health data.
 */
export async function readLatestIntakeInTx(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  clientId: string,
): Promise<{ birthDate: string; intake: TIntakeData | null }> {
  const row = await requireActiveClient(tx, clientId);
  const latest = await findLatestIntake(tx, clientId);
  await auditIntakeRead(tx, deps, actor, clientId, deps.clock.now());
  return { birthDate: row.birthDate, intake: latest ? openIntake(deps.keyring, clientId, latest) : null };
}

/** Saves the intake as a new version; nothing is overwritten. */
export async function saveIntake(
  deps: ServiceDeps,
  actor: Actor,
  input: { clientId: string; data: TIntakeData },
): Promise<{ version: number }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    await requireActiveClient(tx, input.clientId);
    const latest = await findLatestIntake(tx, input.clientId);
    const version = (latest?.version ?? 0) + 1;
    await insertIntake(tx, {
      organizationId: actor.organizationId,
      clientId: input.clientId,
      version,
      dataSealed: deps.keyring.seal(JSON.stringify(input.data), intakeAad(input.clientId, version)),
      recordedBy: actor.userId,
      recordedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'client.intake.update',
      entityType: 'client',
      entityId: input.clientId,
      changedFields: ['intake'],
      occurredAt: now,
    });
    return { version };
  });
}

export type ConsentState = {
  purpose: TConsentPurpose;
  procedureCategory: TProcedureCategory | null;
  documentId: string;
  title: string;
  currentVersion: number;
  status: 'concedido' | 'revogado' | 'pendente';
  since: string | null;
  signedVersion: number | null;
};

/** Current consent documents (for signing screens). */
export async function listConsentDocuments(deps: ServiceDeps, actor: Actor) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const docs = await findCurrentConsentDocuments(tx, actor.organizationId);
    return docs.map((d) => ({
      id: d.id,
      purpose: d.purpose as TConsentPurpose,
      procedureCategory: d.procedureCategory as TProcedureCategory | null,
      version: d.version,
      title: d.title,
      body: d.body,
      sha256: d.bodySha256,
    }));
  });
}

/** Consent state per purpose, with the full event history (evidence without the drawn image). */
export async function getClientConsents(deps: ServiceDeps, actor: Actor, clientId: string) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    await requireActiveClient(tx, clientId);
    const docs = await findCurrentConsentDocuments(tx, actor.organizationId);
    const events = await findConsentEvents(tx, clientId);
    const states: ConsentState[] = docs.map((doc) => {
      const last = events.find(
        (e) => e.purpose === doc.purpose && e.procedureCategory === doc.procedureCategory,
      );
      return {
        purpose: doc.purpose as TConsentPurpose,
        procedureCategory: doc.procedureCategory as TProcedureCategory | null,
        documentId: doc.id,
        title: doc.title,
        currentVersion: doc.version,
        status: !last ? 'pendente' : last.action === 'grant' ? 'concedido' : 'revogado',
        since: last?.occurredAt.toISOString() ?? null,
        signedVersion: last?.documentVersion ?? null,
      };
    });
    return {
      states,
      events: events.map((e) => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        purpose: e.purpose as TConsentPurpose,
        procedureCategory: e.procedureCategory as TProcedureCategory | null,
        action: e.action as 'grant' | 'withdraw',
      })),
    };
  });
}

export async function changeConsent(
  deps: ServiceDeps,
  actor: Actor,
  input: { clientId: string; documentId: string; action: 'grant' | 'withdraw'; evidence: SignatureEvidence },
): Promise<void> {
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireActiveClient(tx, input.clientId);
    const document = await findConsentDocument(tx, input.documentId);
    if (input.action === 'withdraw' && document?.purpose === 'aviso_privacidade') {
      throw new AppError('NOTICE_NOT_WITHDRAWABLE', {
        kind: 'INVALID_STATE',
        userMessage:
          'O aviso de privacidade é uma ciência, não um consentimento revogável. Para encerrar o tratamento, registre uma solicitação do titular.',
      });
    }
    await recordConsent(deps, tx, actor, { ...input, guardianClientId: row.guardianClientId });
  });
}

/** Who accessed this client's data, when, and what they did: for the client and the DPO. */
export async function getAccessReport(deps: ServiceDeps, actor: Actor, clientId: string) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findClientById(tx, clientId);
    if (!row) throw notFound();
    const events = await findClientAccessEvents(tx, actor.organizationId, clientId, 500);
    await recordActorAudit(tx, deps, actor, {
      action: 'client.access_report',
      entityType: 'client',
      entityId: clientId,
      occurredAt: now,
    });
    return events.map((e) => ({
      occurredAt: e.occurredAt.toISOString(),
      action: e.action,
      fields: e.changedFields,
      actorName: e.actorName ?? 'Sistema',
      actorRole: e.actorRole,
      outcome: e.outcome as 'success' | 'denied' | 'failure',
    }));
  });
}

/** Publishes version 1 of every default consent text for a new organisation (inside its transaction). */
export async function seedDefaultConsentDocuments(tx: Tx, organizationId: string, now: Date): Promise<void> {
  await insertConsentDocuments(
    tx,
    DEFAULT_CONSENT_TEXTS.map((t) => ({
      organizationId,
      purpose: t.purpose,
      procedureCategory: t.procedureCategory,
      version: 1,
      title: t.title,
      body: t.body,
      bodySha256: sha256(t.body),
      publishedAt: now,
    })),
  );
}

export {
  anonymiseClient,
  blockClient,
  type ClientDossier,
  hasMedicalRecord,
  readClientAccessLog,
  readClientDossier,
  withdrawConsentBasedPurposes,
} from './clients.lgpd';
export {
  getMessagingContact,
  getMessagingContacts,
  type MessagingConsent,
  type MessagingContact,
  withdrawChannelConsentsByReply,
} from './clients.messaging';

import { clientAad, intakeAad, openIntake } from './client-aad';
