import { createHash } from 'node:crypto';
import type { TRequestKind } from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import {
  anonymiseClient,
  blockClient,
  hasMedicalRecord,
  readClientAccessLog,
  readClientDossier,
  withdrawConsentBasedPurposes,
} from '../clients/clients.service';
import { anonymiseClientMessages, readClientMessagesForExport } from '../messaging/messaging.service';
import { buildFhirBundle } from './fhir-export';
import { buildPdfReport } from './pdf-report';
import { findClinicName, findRequest, findRequests, insertRequest, updateRequest } from './privacy.queries';

/**
 * Data-subject requests (LGPD Art. 18 I–IX) with the Art. 19 deadline of 15 days, and their answers:
 * access and portability packages (JSON, FHIR R4 Bundle, PDF, SHA-256 of each), deletion that
 * anonymises what consent alone justified and keeps (blocked) what the law requires to keep.
 */
export type RequestKind = TRequestKind;

const DEADLINE_DAYS = 15;
const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

export const RETENTION_LEGAL_BASIS =
  'Lei 13.787/2018, art. 6º (guarda do prontuário por 20 anos a partir do último registro); Resoluções CFM 1.638/2002 e 1.821/2007; ' +
  'LGPD, art. 11, II, "a" e "f", e art. 16, I (conservação para cumprimento de obrigação legal); resposta nos termos do art. 18, § 4º, II.';

export async function createRequest(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    clientId: string;
    kind: RequestKind;
    requester: 'titular' | 'representante_legal';
    representativeName?: string | undefined;
    identityVerification: string;
  },
) {
  const now = deps.clock.now();
  if (input.requester === 'representante_legal' && !input.representativeName) {
    throw new AppError('REPRESENTATIVE_REQUIRED', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Representante: informe o nome do representante legal.',
      details: { field: 'representativeName' },
    });
  }
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const dossier = await readClientDossier(deps, tx, input.clientId);
    if (!dossier) throw new AppError('NOT_FOUND', { userMessage: 'Cliente não encontrado.' });
    const request = await insertRequest(tx, {
      organizationId: actor.organizationId,
      clientId: input.clientId,
      kind: input.kind,
      requester: input.requester,
      representativeName: input.representativeName ?? null,
      identityVerification: input.identityVerification,
      verifiedBy: actor.userId,
      receivedAt: now,
      dueAt: new Date(now.getTime() + DEADLINE_DAYS * 86_400_000),
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'privacy.request.create',
      entityType: 'client',
      entityId: input.clientId,
      changedFields: [`request.${input.kind}`],
      occurredAt: now,
    });
    return { id: request.id, dueAt: request.dueAt.toISOString() };
  });
}

/** The DPO's queue: open requests first by due date, overdue ones flagged. */
export async function listRequests(deps: ServiceDeps, actor: Actor, input: { includeAnswered: boolean }) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findRequests(
      tx,
      actor.organizationId,
      input.includeAnswered ? ['recebida', 'em_analise', 'respondida'] : ['recebida', 'em_analise'],
    );
    return rows.map(({ request, clientName }) => ({
      id: request.id,
      clientId: request.clientId,
      clientName,
      kind: request.kind as RequestKind,
      requester: request.requester as 'titular' | 'representante_legal',
      status: request.status as 'recebida' | 'em_analise' | 'respondida',
      receivedAt: request.receivedAt.toISOString(),
      dueAt: request.dueAt.toISOString(),
      daysLeft: Math.ceil((request.dueAt.getTime() - now.getTime()) / 86_400_000),
      isOverdue: request.status !== 'respondida' && request.dueAt < now,
      answer: request.answer,
      legalBasis: request.legalBasis,
      answeredAt: request.answeredAt?.toISOString() ?? null,
      packageSha256: request.packageSha256,
    }));
  });
}

/** The DPO takes a received request into review (recebida → em_análise); the deadline does not move. */
export async function startReview(deps: ServiceDeps, actor: Actor, input: { requestId: string }) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const request = await findRequest(tx, input.requestId);
    if (!request) throw new AppError('NOT_FOUND', { userMessage: 'Solicitação não encontrada.' });
    if (request.status !== 'recebida') {
      throw new AppError('NOT_RECEIVED', {
        kind: 'INVALID_STATE',
        userMessage:
          request.status === 'respondida'
            ? 'Esta solicitação já foi respondida.'
            : 'Esta solicitação já está em análise.',
      });
    }
    await updateRequest(tx, request.id, { status: 'em_analise' });
    await recordActorAudit(tx, deps, actor, {
      action: 'privacy.request.review',
      entityType: 'client',
      entityId: request.clientId,
      changedFields: [`request.${request.kind}`],
      occurredAt: now,
    });
    return { status: 'em_analise' as const };
  });
}

export type ExportPackage = {
  files: { name: string; mediaType: string; base64: string; sha256: string }[];
  manifestSha256: string;
};

/** Builds the access/portability package for a client (JSON, FHIR R4 Bundle, PDF), audited. */
export async function exportClientData(
  deps: ServiceDeps,
  actor: Actor,
  clientId: string,
): Promise<ExportPackage> {
  const now = deps.clock.now();
  const { dossier, accessLog, clinicName, messaging } = await withTenant(
    deps.database,
    actor.organizationId,
    async (tx) => {
      const found = await readClientDossier(deps, tx, clientId);
      if (!found) throw new AppError('NOT_FOUND', { userMessage: 'Cliente não encontrado.' });
      await recordActorAudit(tx, deps, actor, {
        action: 'privacy.export',
        entityType: 'client',
        entityId: clientId,
        occurredAt: now,
      });
      return {
        dossier: found,
        accessLog: await readClientAccessLog(tx, actor.organizationId, clientId),
        clinicName: await findClinicName(tx, actor.clinicId),
        // Reminders, confirmations and replies sent to or received from the client (issue 9).
        messaging: await readClientMessagesForExport(deps.keyring, tx, clientId),
      };
    },
  );
  const generatedAt = now.toISOString();
  const json = JSON.stringify(
    { generatedAt, controller: clinicName, ...dossier, messaging, accessLog },
    null,
    2,
  );
  const fhir = JSON.stringify(buildFhirBundle(dossier, generatedAt), null, 2);
  const pdf = await buildPdfReport(dossier, { clinicName, generatedAt, jsonSha256: sha256(json), accessLog });
  const files = [
    { name: 'dados.json', mediaType: 'application/json', content: Buffer.from(json) },
    { name: 'dados.fhir.json', mediaType: 'application/fhir+json', content: Buffer.from(fhir) },
    { name: 'relatorio.pdf', mediaType: 'application/pdf', content: pdf },
  ].map((f) => ({
    name: f.name,
    mediaType: f.mediaType,
    base64: f.content.toString('base64'),
    sha256: sha256(f.content),
  }));
  return { files, manifestSha256: sha256(files.map((f) => `${f.sha256}  ${f.name}`).join('\n')) };
}

/**
 * Answers a request. Access, confirmation and portability attach the export's checksum; deletion and
 * anonymisation anonymise a client without medical record, or block the record and withdraw every
 * consent-based purpose when the law requires keeping it (answer cites the legal basis); revocation
 * withdraws consent-based purposes. Other kinds need the DPO's written answer.
 */
export async function answerRequest(
  deps: ServiceDeps,
  actor: Actor,
  input: { requestId: string; answer?: string | undefined },
) {
  const now = deps.clock.now();
  const request = await withTenant(deps.database, actor.organizationId, (tx) =>
    findRequest(tx, input.requestId),
  );
  if (!request) throw new AppError('NOT_FOUND', { userMessage: 'Solicitação não encontrada.' });
  if (request.status === 'respondida')
    throw new AppError('ALREADY_ANSWERED', {
      kind: 'INVALID_STATE',
      userMessage: 'Esta solicitação já foi respondida.',
    });
  const kind = request.kind as RequestKind;
  const packageSha256 = ['acesso', 'portabilidade', 'confirmacao'].includes(kind)
    ? (await exportClientData(deps, actor, request.clientId)).manifestSha256
    : null;
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    let answer = input.answer?.trim() ?? '';
    let legalBasis: string | null = null;
    const changed: string[] = [];
    if (kind === 'eliminacao' || kind === 'anonimizacao_bloqueio') {
      if (await hasMedicalRecord(tx, request.clientId)) {
        const withdrawn = await withdrawConsentBasedPurposes(deps, tx, actor, request.clientId, request.id);
        await blockClient(tx, request.clientId, now);
        legalBasis = RETENTION_LEGAL_BASIS;
        answer ||=
          'Seus dados tratados com base em consentimento foram eliminados do uso: ' +
          `${withdrawn.length > 0 ? `revogamos ${withdrawn.length} consentimento(s) (marketing e divulgação de imagem)` : 'não havia consentimentos opcionais ativos'}. ` +
          'O prontuário, porém, deve ser guardado por 20 anos a partir do último registro e não pode ser eliminado; ele foi bloqueado para qualquer uso que não seja o seu atendimento e as obrigações legais.';
        changed.push('blockedAt', 'consents');
      } else {
        await anonymiseClient(tx, request.clientId, now);
        await anonymiseClientMessages(deps.keyring, tx, request.clientId, now);
        legalBasis = 'LGPD, art. 18, IV e VI, art. 5º, XI, e art. 16 (não há prontuário a conservar).';
        answer ||=
          'Como não há prontuário a conservar, seus dados pessoais foram anonimizados de forma irreversível: nome, CPF, contatos e endereço foram apagados.';
        changed.push('anonymised');
      }
    } else if (kind === 'revogacao') {
      const withdrawn = await withdrawConsentBasedPurposes(deps, tx, actor, request.clientId, request.id);
      answer ||= `Revogamos ${withdrawn.length} consentimento(s) opcional(is) (marketing e divulgação de imagem). O aviso de privacidade e o atendimento seguem as bases legais de tutela da saúde.`;
      changed.push('consents');
    } else if (packageSha256) {
      answer ||= `Cópia completa dos seus dados entregue em formato eletrônico (JSON, FHIR R4 e PDF). Soma de verificação SHA-256 do pacote: ${packageSha256}.`;
    } else if (!answer) {
      throw new AppError('ANSWER_REQUIRED', {
        kind: 'VALIDATION_FAILED',
        userMessage: 'Resposta: escreva a resposta ao titular para este tipo de solicitação.',
        details: { field: 'answer' },
      });
    }
    await updateRequest(tx, request.id, {
      status: 'respondida',
      answer,
      legalBasis,
      answeredAt: now,
      answeredBy: actor.userId,
      packageSha256,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'privacy.request.answer',
      entityType: 'client',
      entityId: request.clientId,
      changedFields: [`request.${kind}`, ...changed],
      occurredAt: now,
    });
    return { answer, legalBasis, packageSha256 };
  });
}
