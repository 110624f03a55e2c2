import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

/**
 * Parsing ANVISA's open-data CSVs (REGULATION.md 4.5): `;`-separated, ISO-8859-1, one header line.
 * Pure functions: the import service feeds them decoded lines and writes what they return.
 */

export type RegistryKind = 'medicamento' | 'dispositivo_medico';

export type RegistryRecord = {
  kind: RegistryKind;
  registryKey: string;
  processNumber: string;
  productName: string;
  holderName: string;
  holderCnpj: string | null;
  manufacturerName: string;
  manufacturerCountry: string | null;
  technicalName: string | null;
  riskClass: string | null;
  activeIngredient: string | null;
  situation: 'valido' | 'cancelado';
  situationLabel: string;
  validUntil: string | null;
  rowHash: string;
};

export type MappedRow = { ok: true; record: RegistryRecord } | { ok: false; reason: string };

export const MEDICINE_COLUMNS = [
  'TIPO_PRODUTO',
  'NOME_PRODUTO',
  'DATA_FINALIZACAO_PROCESSO',
  'CATEGORIA_REGULATORIA',
  'NUMERO_REGISTRO_PRODUTO',
  'DATA_VENCIMENTO_REGISTRO',
  'NUMERO_PROCESSO',
  'CLASSE_TERAPEUTICA',
  'EMPRESA_DETENTORA_REGISTRO',
  'SITUACAO_REGISTRO',
  'PRINCIPIO_ATIVO',
] as const;

export const DEVICE_COLUMNS = [
  'NUMERO_REGISTRO_CADASTRO',
  'NUMERO_PROCESSO',
  'NOME_TECNICO',
  'CLASSE_RISCO',
  'NOME_COMERCIAL',
  'CNPJ_DETENTOR_REGISTRO_CADASTRO',
  'DETENTOR_REGISTRO_CADASTRO',
  'NOME_FABRICANTE',
  'NOME_PAIS_FABRIC',
  'DT_PUB_REGISTRO_CADASTRO',
  'VALIDADE_REGISTRO_CADASTRO',
  'DT_ATUALIZACAO_DADO',
] as const;

/**
 * Splits CSV text into records: `;` separates fields, double quotes protect `;`, newlines and `""`.
 * Fed line by line; returns null while a quoted field is still open (the record continues on the
 * next line).
 */
export function createRecordSplitter(): (line: string) => string[] | null {
  let pending: string | null = null;
  return (line) => {
    const text = pending === null ? line : `${pending}\n${line}`;
    try {
      const records: string[][] = parse(text, {
        delimiter: ';',
        trim: true,
        relax_quotes: true,
        relax_column_count: true,
      });
      pending = null;
      return records[0] ?? [''];
    } catch (error) {
      if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
      pending = text;
      return null;
    }
  };
}

export type HeaderMap = { kind: RegistryKind; index: Record<string, number> };

/** Recognises the file by its header; null when it is neither ANVISA file. */
export function readHeader(fields: string[]): HeaderMap | null {
  const names = fields.map((f) =>
    f
      .replace(/^\uFEFF/, '')
      .trim()
      .toUpperCase(),
  );
  const index = Object.fromEntries(names.map((n, i) => [n, i]));
  const has = (cols: readonly string[]) => cols.every((c) => c in index);
  if (has(MEDICINE_COLUMNS)) return { kind: 'medicamento', index };
  if (has(DEVICE_COLUMNS)) return { kind: 'dispositivo_medico', index };
  return null;
}

/** `dd/mm/aaaa` → ISO date; `MMAAAA` or `MM/AAAA` → last day of that month; null otherwise. */
export function parseAnvisaDate(raw: string): string | null {
  const value = raw.trim();
  let match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (match) {
    const [, d, m, y] = match as unknown as [string, string, string, string];
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
    return `${y}-${m}-${d}`;
  }
  match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) return parseAnvisaDate(`${match[3]}/${match[2]}/${match[1]}`);
  match = /^(\d{2})\/?(\d{4})$/.exec(value);
  if (match) {
    const month = Number(match[1]);
    const year = Number(match[2]);
    if (month < 1 || month > 12) return null;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${match[2]}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  }
  return null;
}

const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .trim();

function hashOf(record: Omit<RegistryRecord, 'rowHash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        record.kind,
        record.registryKey,
        record.processNumber,
        record.productName,
        record.holderName,
        record.holderCnpj,
        record.manufacturerName,
        record.manufacturerCountry,
        record.technicalName,
        record.riskClass,
        record.activeIngredient,
        record.situation,
        record.situationLabel,
        record.validUntil,
      ]),
    )
    .digest('hex');
}

const withHash = (record: Omit<RegistryRecord, 'rowHash'>): MappedRow => ({
  ok: true,
  record: { ...record, rowHash: hashOf(record) },
});

/** One row of DADOS_ABERTOS_MEDICAMENTOS.csv. */
export function mapMedicineRow(fields: string[], header: HeaderMap): MappedRow {
  const get = (name: (typeof MEDICINE_COLUMNS)[number]) => fields[header.index[name] ?? -1]?.trim() ?? '';
  const digits = get('NUMERO_REGISTRO_PRODUTO').replace(/\D/g, '');
  if (digits === '') return { ok: false, reason: 'sem número de registro (produto notificado)' };
  if (!/^1\d{8}(\d{4})?$/.test(digits)) return { ok: false, reason: 'número de registro fora do formato' };
  const name = get('NOME_PRODUTO');
  if (name === '') return { ok: false, reason: 'sem nome do produto' };
  const situationRaw = get('SITUACAO_REGISTRO');
  const situationKey = strip(situationRaw);
  const situation = situationKey.startsWith('VALID')
    ? 'valido'
    : /CANCEL|CADUC|VENCID|SUSPEN/.test(situationKey)
      ? 'cancelado'
      : null;
  if (situation === null) return { ok: false, reason: 'situação do registro desconhecida' };
  const expiryRaw = get('DATA_VENCIMENTO_REGISTRO');
  const validUntil = expiryRaw === '' ? null : parseAnvisaDate(expiryRaw);
  if (expiryRaw !== '' && validUntil === null) return { ok: false, reason: 'data de vencimento inválida' };
  const holder = get('EMPRESA_DETENTORA_REGISTRO');
  // "12345678000199 - EMPRESA S.A." is the usual shape of the holder column.
  const holderMatch = /^(\d{14})\s*-\s*(.+)$/.exec(holder);
  return withHash({
    kind: 'medicamento',
    registryKey: digits.slice(0, 9),
    processNumber: get('NUMERO_PROCESSO').replace(/\D/g, ''),
    productName: name,
    holderName: holderMatch?.[2]?.trim() ?? holder,
    holderCnpj: holderMatch?.[1] ?? null,
    manufacturerName: '',
    manufacturerCountry: null,
    technicalName: get('CLASSE_TERAPEUTICA') || null,
    riskClass: null,
    activeIngredient: get('PRINCIPIO_ATIVO') || null,
    situation,
    situationLabel: situationRaw,
    validUntil,
  });
}

/** One row of TA_PRODUTO_SAUDE_SITE.csv. */
export function mapDeviceRow(fields: string[], header: HeaderMap): MappedRow {
  const get = (name: (typeof DEVICE_COLUMNS)[number]) => fields[header.index[name] ?? -1]?.trim() ?? '';
  const digits = get('NUMERO_REGISTRO_CADASTRO').replace(/\D/g, '');
  if (digits === '') return { ok: false, reason: 'sem número de registro' };
  if (digits.length < 8 || digits.length > 11)
    return { ok: false, reason: 'número de registro fora do formato' };
  const name = get('NOME_COMERCIAL');
  if (name === '') return { ok: false, reason: 'sem nome comercial' };
  const riskRaw = strip(get('CLASSE_RISCO'));
  const riskClass = /^(IV|III|II|I)$/.test(riskRaw) ? riskRaw : null;
  if (riskRaw !== '' && riskClass === null) return { ok: false, reason: 'classe de risco inválida' };
  const validityRaw = get('VALIDADE_REGISTRO_CADASTRO');
  const validityKey = strip(validityRaw);
  let situation: 'valido' | 'cancelado';
  let validUntil: string | null = null;
  if (validityKey === 'VIGENTE') situation = 'valido';
  else if (/CANCEL|CADUC|VENCID|SUSPEN|INDEFERID/.test(validityKey)) situation = 'cancelado';
  else {
    validUntil = parseAnvisaDate(validityRaw);
    if (validUntil === null) return { ok: false, reason: 'validade do registro inválida' };
    situation = 'valido';
  }
  const cnpj = get('CNPJ_DETENTOR_REGISTRO_CADASTRO').replace(/[^\dA-Za-z]/g, '');
  return withHash({
    kind: 'dispositivo_medico',
    registryKey: digits.padStart(11, '0'),
    processNumber: get('NUMERO_PROCESSO').replace(/\D/g, ''),
    productName: name,
    holderName: get('DETENTOR_REGISTRO_CADASTRO'),
    holderCnpj: cnpj || null,
    manufacturerName: get('NOME_FABRICANTE'),
    manufacturerCountry: get('NOME_PAIS_FABRIC') || null,
    technicalName: get('NOME_TECNICO') || null,
    riskClass,
    activeIngredient: null,
    situation,
    situationLabel: validityRaw,
    validUntil,
  });
}

export function mapRow(fields: string[], header: HeaderMap): MappedRow {
  const expected = header.kind === 'medicamento' ? MEDICINE_COLUMNS.length : DEVICE_COLUMNS.length;
  if (fields.length < expected) return { ok: false, reason: 'número de colunas menor que o cabeçalho' };
  return header.kind === 'medicamento' ? mapMedicineRow(fields, header) : mapDeviceRow(fields, header);
}

/** The registry's answer about one registration, at a given date. */
export type RegistryStanding =
  | { status: 'vigente'; validUntil: string | null; productName: string; holderName: string }
  | { status: 'cancelado'; situationLabel: string }
  | { status: 'vencido'; validUntil: string }
  | { status: 'nao_encontrado' };

/** A registration with several rows (one per manufacturer) stands if any row is valid today. */
export function registryStanding(
  rows: (Pick<RegistryRecord, 'situationLabel' | 'validUntil' | 'productName' | 'holderName'> & {
    situation: string;
  })[],
  today: string,
): RegistryStanding {
  if (rows.length === 0) return { status: 'nao_encontrado' };
  const valid = rows.filter((r) => r.situation === 'valido');
  const current = valid.find((r) => r.validUntil === null || r.validUntil >= today);
  if (current) {
    return {
      status: 'vigente',
      validUntil: current.validUntil,
      productName: current.productName,
      holderName: current.holderName,
    };
  }
  const latest = valid
    .map((r) => r.validUntil as string)
    .sort()
    .at(-1);
  if (latest) return { status: 'vencido', validUntil: latest };
  return { status: 'cancelado', situationLabel: rows[0]?.situationLabel ?? '' };
}
