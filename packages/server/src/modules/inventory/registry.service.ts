import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Database, Tx } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { withSystem } from '../../platform/tenancy/tenancy';
import {
  createRecordSplitter,
  type HeaderMap,
  mapRow,
  type RegistryKind,
  type RegistryRecord,
  type RegistryStanding,
  readHeader,
  registryStanding,
} from './anvisa-csv';
import {
  countRegistryRows,
  findLatestImports,
  findRegistryRows,
  insertRegistryImport,
  upsertRegistryBatch,
} from './registry.queries';

/**
 * The local ANVISA registry: imported from the open-data CSVs by `npm run anvisa:import`, read by the
 * product checks. The import runs outside any tenant (public data) in batches, each its own
 * transaction; every batch is an idempotent upsert, so an interrupted import is finished by running it
 * again.
 */

export type ImportSummary = {
  kind: RegistryKind;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rejections by reason, each with the first few line numbers. */
  rejections: { reason: string; count: number; lines: number[] }[];
};

export class RegistryFileError extends Error {}

/**
 * The lines of an ANVISA file, decoded as ISO-8859-1 (the files are not UTF-8: decoding them as UTF-8
 * turns "Coração" into replacement characters). `onBytes` reports progress in bytes read.
 */
export function latin1FileLines(path: string, onBytes?: (bytes: number) => void): AsyncIterable<string> {
  const stream = createReadStream(path, { encoding: 'latin1', highWaterMark: 256 * 1024 });
  if (onBytes) stream.on('data', () => onBytes(stream.bytesRead));
  return createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
}

const BATCH = 500;

/**
 * Imports one ANVISA file given as decoded lines (Latin-1 already decoded by the caller).
 * @param onProgress - called after each batch with the number of data rows read so far.
 */
export async function importAnvisaRegistry(
  database: Database,
  input: {
    fileName: string;
    lines: AsyncIterable<string>;
    clock: Clock;
    onProgress?: (read: number) => void;
  },
): Promise<ImportSummary> {
  const startedAt = input.clock.now();
  const split = createRecordSplitter();
  const digest = createHash('sha256');
  let header: HeaderMap | null = null;
  let lineNo = 0;
  let read = 0;
  let inserted = 0;
  let updated = 0;
  const rejections = new Map<string, { count: number; lines: number[] }>();
  const reject = (reason: string, line: number) => {
    const entry = rejections.get(reason) ?? { count: 0, lines: [] };
    entry.count++;
    if (entry.lines.length < 5) entry.lines.push(line);
    rejections.set(reason, entry);
  };
  let batch = new Map<string, RegistryRecord>();
  const flush = async () => {
    if (batch.size === 0) return;
    const records = [...batch.values()];
    batch = new Map();
    const result = await withSystem(database, (tx) => upsertRegistryBatch(tx, records, input.clock.now()));
    inserted += result.inserted;
    updated += result.updated;
    input.onProgress?.(read);
  };
  let recordStart = 1;
  for await (const line of input.lines) {
    lineNo++;
    digest.update(line).update('\n');
    const fields = split(line);
    if (fields === null) continue;
    const startLine = recordStart;
    recordStart = lineNo + 1;
    if (header === null) {
      header = readHeader(fields);
      if (header === null) {
        throw new RegistryFileError(
          'Cabeçalho não reconhecido: esperado DADOS_ABERTOS_MEDICAMENTOS.csv ou TA_PRODUTO_SAUDE_SITE.csv da ANVISA.',
        );
      }
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    read++;
    const mapped = mapRow(fields, header);
    if (!mapped.ok) {
      reject(mapped.reason, startLine);
      continue;
    }
    const r = mapped.record;
    const key = `${r.registryKey}|${r.processNumber}|${r.manufacturerName}`;
    if (batch.has(key))
      reject('linha repetida no arquivo (mesmo registro, processo e fabricante)', startLine);
    batch.set(key, r);
    if (batch.size >= BATCH) await flush();
  }
  if (header === null) throw new RegistryFileError('Arquivo vazio.');
  await flush();
  const rejected = [...rejections.values()].reduce((n, r) => n + r.count, 0);
  const summary: ImportSummary = {
    kind: header.kind,
    read,
    inserted,
    updated,
    unchanged: read - rejected - inserted - updated,
    rejected,
    rejections: [...rejections.entries()].map(([reason, r]) => ({ reason, ...r })),
  };
  const finishedAt = input.clock.now();
  await withSystem(database, async (tx) => {
    await insertRegistryImport(tx, {
      kind: header.kind,
      fileName: input.fileName,
      fileSha256: digest.digest('hex'),
      rowsRead: read,
      rowsInserted: inserted,
      rowsUpdated: updated,
      rowsUnchanged: summary.unchanged,
      rowsRejected: rejected,
      startedAt,
      finishedAt,
    });
    await recordAudit(tx, {
      organizationId: null,
      action: 'anvisa_registry.import',
      entityType: 'anvisa_registry',
      changedFields: inserted + updated > 0 ? ['registry'] : [],
      occurredAt: finishedAt,
    });
  });
  return summary;
}

/** Registry snapshots older than this are "stale": checks still run, and the screens say so. */
export const REGISTRY_STALE_DAYS = 30;

export type RegistryState = {
  kind: RegistryKind;
  isLoaded: boolean;
  importedAt: string | null;
  fileName: string | null;
  rows: number;
  isStale: boolean;
};

export async function registryStateInTx(tx: Tx, now: Date): Promise<RegistryState[]> {
  const latest = await findLatestImports(tx);
  const states: RegistryState[] = [];
  for (const kind of ['medicamento', 'dispositivo_medico'] as const) {
    const run = latest.get(kind);
    states.push({
      kind,
      isLoaded: Boolean(run),
      importedAt: run?.finishedAt.toISOString() ?? null,
      fileName: run?.fileName ?? null,
      rows: run ? await countRegistryRows(tx, kind) : 0,
      isStale: run ? now.getTime() - run.finishedAt.getTime() > REGISTRY_STALE_DAYS * 86_400_000 : false,
    });
  }
  return states;
}

export async function registryStandingInTx(
  tx: Tx,
  kind: RegistryKind,
  registryKey: string,
  today: string,
): Promise<RegistryStanding> {
  return registryStanding(await findRegistryRows(tx, kind, registryKey), today);
}
