import { formatBrazilianPhone, formatCpf } from '@clinia/contracts';
import PDFDocument from 'pdfkit';
import type { ClientDossier } from '../clients/clients.service';

/** The human-readable copy of the data (LGPD Art. 19 §2: printed or electronic, the subject's choice). */
export async function buildPdfReport(
  dossier: ClientDossier,
  meta: {
    clinicName: string;
    generatedAt: string;
    jsonSha256: string;
    accessLog: { occurredAt: string; actorName: string; action: string }[];
  },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Relatório de dados pessoais', Producer: 'Clinia' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const dateTime = (iso: string) => new Date(iso).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' });
  const c = dossier.client;
  const section = (title: string) =>
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(title)
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(10);
  doc.font('Helvetica-Bold').fontSize(16).text('Relatório de dados pessoais');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#444')
    .text(`${meta.clinicName} · gerado em ${dateTime(meta.generatedAt)} · LGPD, arts. 18 e 19`)
    .fillColor('#000');
  section('Identificação');
  doc.text(`Nome: ${c.fullName}${c.socialName ? ` (nome social: ${c.socialName})` : ''}`);
  doc.text(
    `CPF: ${c.cpf ? formatCpf(c.cpf) : '—'} · Nascimento: ${c.birthDate.split('-').reverse().join('/')}`,
  );
  section('Contato');
  doc.text(`Celular: ${c.mobile ? formatBrazilianPhone(c.mobile) : '—'} · E-mail: ${c.email ?? '—'}`);
  if (c.address)
    doc.text(
      `Endereço: ${c.address.street}, ${c.address.number}${c.address.complement ? `, ${c.address.complement}` : ''}, ${c.address.district}, ${c.address.city}/${c.address.uf}, CEP ${c.address.cep}`,
    );
  if (c.emergencyContact)
    doc.text(
      `Contato de emergência: ${c.emergencyContact.name}, ${formatBrazilianPhone(c.emergencyContact.phone)}`,
    );
  section('Consentimentos');
  if (dossier.consents.length === 0) doc.text('Nenhum registro.');
  for (const e of dossier.consents) {
    doc.text(
      `${dateTime(e.occurredAt)} · ${e.action === 'grant' ? 'Concedido' : 'Revogado'} · ${e.documentTitle} (versão ${e.documentVersion}) · assinado por ${e.typedName}`,
    );
  }
  section('Anamnese');
  if (dossier.intakes.length === 0) doc.text('Nenhum registro.');
  for (const i of dossier.intakes) {
    doc
      .font('Helvetica-Bold')
      .text(
        `Versão ${i.version} · ${dateTime(i.recordedAt)}${i.recordedByName ? ` · ${i.recordedByName}` : ''}`,
      )
      .font('Helvetica');
    doc.text(
      `Fototipo ${i.data.fitzpatrick}; condições: ${i.data.conditions.join(', ') || 'nenhuma'}; alergias: ${i.data.allergies.join(', ') || 'nenhuma'}; medicamentos: ${i.data.medications.map((m) => m.name).join(', ') || 'nenhum'}; gestante: ${i.data.pregnant ? 'sim' : 'não'}; amamentando: ${i.data.breastfeeding ? 'sim' : 'não'}.`,
    );
  }
  section('Quem acessou seus dados');
  if (meta.accessLog.length === 0) doc.text('Nenhum acesso registrado.');
  for (const a of meta.accessLog.slice(0, 200))
    doc.text(`${dateTime(a.occurredAt)} · ${a.actorName} · ${a.action}`);
  doc
    .moveDown(1)
    .fontSize(8)
    .fillColor('#666')
    .text(`Integridade: SHA-256 do arquivo JSON que acompanha este relatório: ${meta.jsonSha256}`);
  doc.end();
  return done;
}
