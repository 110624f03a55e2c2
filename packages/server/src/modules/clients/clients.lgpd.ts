import type { TConsentPurpose, TIntakeData } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Actor } from '../../platform/authz/permissions';
import type { ServiceDeps } from '../../trpc/context';
import { clientAad, openIntake } from './client-aad';
import {
  countIntakes,
  deleteDuplicateFlags,
  findClientAccessEvents,
  findClientById,
  findConsentEventsForExport,
  findCurrentConsentDocuments,
  findIntakeHistory,
  insertConsentEvent,
  scrubConsentSigners,
  updateClientRow,
} from './clients.queries';

/**
 * The client record as the privacy module needs it (data-subject requests, LGPD Art. 18): the whole
 * dossier decrypted for an export, blocking, and irreversible anonymisation. Each function runs in the
 * caller's tenant transaction.
 */

export type ClientDossier = {
  client: {
    id: string;
    fullName: string;
    socialName: string | null;
    birthDate: string;
    sex: string;
    gender: string | null;
    cpf: string | null;
    mobile: string | null;
    email: string | null;
    address: {
      street: string;
      number: string;
      complement?: string;
      district: string;
      city: string;
      uf: string;
      cep: string;
    } | null;
    emergencyContact: { name: string; phone: string } | null;
    preferredChannel: string;
    createdAt: string;
    blockedAt: string | null;
  };
  intakes: { version: number; recordedAt: string; recordedByName: string | null; data: TIntakeData }[];
  consents: {
    id: string;
    purpose: TConsentPurpose;
    procedureCategory: string | null;
    action: 'grant' | 'withdraw';
    occurredAt: string;
    documentTitle: string;
    documentVersion: number;
    documentSha256: string;
    signer: string;
    typedName: string;
    channel: string;
  }[];
};

export async function readClientDossier(
  deps: ServiceDeps,
  tx: Tx,
  clientId: string,
): Promise<ClientDossier | null> {
  const row = await findClientById(tx, clientId);
  if (!row) return null;
  const open = (value: string | null, column: string) =>
    value ? deps.keyring.open(value, clientAad(column, row.id)) : null;
  const intakes = await findIntakeHistory(tx, clientId);
  const consents = await findConsentEventsForExport(tx, clientId);
  const address = open(row.addressSealed, 'address');
  const emergency = open(row.emergencyContactSealed, 'emergency_contact');
  return {
    client: {
      id: row.id,
      fullName: row.fullName,
      socialName: row.socialName,
      birthDate: row.birthDate,
      sex: row.sex,
      gender: row.gender,
      cpf: open(row.cpfSealed, 'cpf'),
      mobile: open(row.mobileSealed, 'mobile'),
      email: open(row.emailSealed, 'email'),
      address: address ? JSON.parse(address) : null,
      emergencyContact: emergency ? JSON.parse(emergency) : null,
      preferredChannel: row.preferredChannel,
      createdAt: row.createdAt.toISOString(),
      blockedAt: row.blockedAt?.toISOString() ?? null,
    },
    intakes: intakes.map((i) => ({
      version: i.version,
      recordedAt: i.recordedAt.toISOString(),
      recordedByName: i.recordedByName,
      data: openIntake(deps.keyring, clientId, i),
    })),
    consents: consents.map(({ event, documentTitle, documentVersion }) => ({
      id: event.id,
      purpose: event.purpose as TConsentPurpose,
      procedureCategory: event.procedureCategory,
      action: event.action as 'grant' | 'withdraw',
      occurredAt: event.occurredAt.toISOString(),
      documentTitle,
      documentVersion,
      documentSha256: event.documentSha256,
      signer: event.signer,
      typedName: event.typedName,
      channel: event.channel,
    })),
  };
}

/** Whether the client has medical-record content that the law requires to keep (20 years). */
export async function hasMedicalRecord(tx: Tx, clientId: string): Promise<boolean> {
  // Sessions, photos and prescriptions join this check when the clinical module exists.
  return (await countIntakes(tx, clientId)) > 0;
}

const CONSENT_BASED: TConsentPurpose[] = [
  'imagem_divulgacao',
  'marketing_whatsapp',
  'marketing_email',
  'marketing_sms',
  'lembretes_whatsapp',
  'lembretes_email',
];

/**
 * Withdraws every consent-based purpose still granted (publicity images, marketing on every channel):
 * the data-subject's request is the evidence. Returns the purposes withdrawn.
 */
export async function withdrawConsentBasedPurposes(
  deps: ServiceDeps,
  tx: Tx,
  actor: Actor,
  clientId: string,
  requestId: string,
): Promise<TConsentPurpose[]> {
  const now = deps.clock.now();
  const docs = await findCurrentConsentDocuments(tx, actor.organizationId);
  const events = await findConsentEventsForExport(tx, clientId);
  const withdrawn: TConsentPurpose[] = [];
  for (const purpose of CONSENT_BASED) {
    const last = [...events].reverse().find((e) => e.event.purpose === purpose);
    const doc = docs.find((d) => d.purpose === purpose && d.procedureCategory === null);
    if (last?.event.action !== 'grant' || !doc) continue;
    await insertConsentEvent(tx, {
      organizationId: actor.organizationId,
      clientId,
      documentId: doc.id,
      purpose,
      action: 'withdraw',
      occurredAt: now,
      channel: 'solicitacao_titular',
      collectedBy: actor.userId,
      signer: 'client',
      typedName: `Solicitação ${requestId}`,
      documentSha256: doc.bodySha256,
    });
    withdrawn.push(purpose);
  }
  return withdrawn;
}

/** Blocks the record: kept for care and legal duties only. */
export async function blockClient(tx: Tx, clientId: string, now: Date): Promise<void> {
  await updateClientRow(tx, clientId, { blockedAt: now, updatedAt: now });
}

/**
 * Irreversible anonymisation (LGPD Art. 5 XI, 12): identifiers and contact data are erased (not
 * sealed: erased), the birth date is generalised to its decade, the signer identity of consent events
 * is scrubbed, duplicate flags are removed. The row stays so the audit trail keeps pointing at it.
 */
export async function anonymiseClient(tx: Tx, clientId: string, now: Date): Promise<void> {
  const row = await findClientById(tx, clientId);
  if (!row) return;
  const decade = `${row.birthDate.slice(0, 3)}0-01-01`;
  await updateClientRow(tx, clientId, {
    fullName: 'Cliente anonimizado',
    socialName: null,
    birthDate: decade,
    sex: 'I',
    gender: null,
    cpfSealed: null,
    cpfIndex: null,
    mobileSealed: null,
    mobileIndex: null,
    emailSealed: null,
    addressSealed: null,
    emergencyContactSealed: null,
    guardianClientId: null,
    preferredChannel: 'telefone',
    status: 'anonymised',
    blockedAt: now,
    updatedAt: now,
  });
  await scrubConsentSigners(tx, clientId);
  await deleteDuplicateFlags(tx, clientId);
}

/** The access log of one client, inside the caller's transaction (for the export's PDF). */
export async function readClientAccessLog(tx: Tx, organizationId: string, clientId: string) {
  const events = await findClientAccessEvents(tx, organizationId, clientId, 500);
  return events.map((e) => ({
    occurredAt: e.occurredAt.toISOString(),
    actorName: e.actorName ?? 'Sistema',
    action: e.action,
  }));
}
