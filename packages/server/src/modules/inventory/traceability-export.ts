import { LOT_STATUS_LABELS, type TTraceabilityReport } from '@clinia/contracts';
import PDFDocument from 'pdfkit';

/**
 * The recall list as files: CSV for Excel (`;`, UTF-8 with BOM, CRLF) and a printable PDF. Both carry
 * client names (personal data): only built for the roles of `inventory.traceability`, audited.
 */

const dateTime = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('pt-BR', { timeZone, dateStyle: 'short', timeStyle: 'short' });
const brDate = (iso: string) => iso.split('-').reverse().join('/');
const number = (value: number) => value.toLocaleString('pt-BR', { maximumFractionDigits: 3 });

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so Excel never runs it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const TRACEABILITY_CSV_HEADER = [
  'Data e hora',
  'Clínica',
  'Lote',
  'Cliente',
  'Atendimento',
  'Profissional',
  'Quantidade',
  'Unidade',
] as const;

export function traceabilityCsv(report: TTraceabilityReport, timeZone: string): Buffer {
  const lines = [
    TRACEABILITY_CSV_HEADER.join(';'),
    ...report.rows.map((row) =>
      [
        dateTime(row.occurredAt, timeZone),
        row.clinicName,
        row.lotNumber,
        row.clientName,
        row.sessionId ?? '',
        row.professionalName,
        number(row.quantity),
        row.unit,
      ]
        .map(csvField)
        .join(';'),
    ),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function traceabilityPdf(
  report: TTraceabilityReport,
  meta: { organizationName: string; generatedAt: Date; timeZone: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: `Rastreabilidade do lote ${report.lotNumber}`, Producer: 'Clinia' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(15).text(`Rastreabilidade do lote ${report.lotNumber}`);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text(
      `${meta.organizationName} · gerado em ${dateTime(meta.generatedAt.toISOString(), meta.timeZone)} · documento com dados pessoais: uso restrito à notificação dos clientes (LGPD art. 11)`,
    )
    .fillColor('#000')
    .moveDown(0.6);
  doc
    .fontSize(10)
    .text(`Produto: ${report.productName} — ${report.manufacturer}`)
    .text(`Registro ANVISA: ${report.anvisaNumberFormatted} · Validade do lote: ${brDate(report.expiryDate)}`)
    .text(
      `Situação: ${report.lots.map((l) => `${l.clinicName} (${LOT_STATUS_LABELS[l.status]})`).join(', ') || '—'}`,
    )
    .text(`Clientes que receberam o lote: ${report.clientCount} · aplicações: ${report.rows.length}`)
    .moveDown(0.6);
  const columns = [
    { title: 'Data e hora', width: 90 },
    { title: 'Clínica', width: 120 },
    { title: 'Cliente', width: 170 },
    { title: 'Profissional', width: 150 },
    { title: 'Atendimento', width: 130 },
    { title: 'Quantidade', width: 90 },
  ];
  const left = doc.page.margins.left;
  const drawRow = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let height = 0;
    cells.forEach((cell, i) => {
      const width = columns[i]?.width ?? 80;
      doc.text(cell, x, y, { width: width - 6 });
      height = Math.max(height, doc.y - y);
      x += width;
    });
    doc.x = left;
    doc.y = y + height + 4;
  };
  drawRow(
    columns.map((c) => c.title),
    true,
  );
  for (const row of report.rows) {
    drawRow([
      dateTime(row.occurredAt, meta.timeZone),
      row.clinicName,
      row.clientName,
      row.professionalName,
      row.sessionId ? row.sessionId.slice(0, 8) : '—',
      `${number(row.quantity)} ${row.unit}`,
    ]);
  }
  if (report.rows.length === 0) doc.font('Helvetica').text('Nenhuma aplicação registrada deste lote.');
  doc.end();
  return done;
}
