import { type TProductUnit, type TTreatmentInputRaw, ZTreatmentInput } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import { localDate } from '../../platform/clock';
import { createTreatmentInTx } from '../catalog/catalog.service';
import { DEMO_TREATMENTS } from './inventory.seed-treatments';
import { insertProduct } from './products.queries';
import {
  findFirstClientIds,
  findUserIdsByName,
  insertLot,
  insertMovements,
  updateLotsStatus,
} from './stock.queries';
import { drawStockInTx } from './stock.service';

/**
 * Demo catalog and stock: products with ANVISA-format numbers (fictitious, accepted by a recorded
 * manual check since the demo has no registry import), about 25 treatments common in Brazilian clinics
 * with their bills of materials, lots per clinic (one expiring within 30 days, one quarantined after
 * it was used, so the recall screen has clients to list) and uses of product by demo clients through
 * the ledger, until the clinical-session module records real ones.
 */

type DemoProduct = {
  key: string;
  name: string;
  manufacturer: string;
  anvisaCategory: 'medicamento' | 'dispositivo_medico' | 'cosmetico';
  anvisaNumber: string;
  riskClass?: 'I' | 'II' | 'III' | 'IV';
  unit: TProductUnit;
  storage?: 'ambiente' | 'refrigerado';
  reorderPoint: number;
  /** Units per received lot. */
  lotSize: number;
};

const PRODUCTS: DemoProduct[] = [
  {
    key: 'toxina',
    name: 'Toxina botulínica tipo A 100 U',
    manufacturer: 'Neurobio Farmacêutica Ltda.',
    anvisaCategory: 'medicamento',
    anvisaNumber: '1234500010017',
    unit: 'U',
    storage: 'refrigerado',
    reorderPoint: 300,
    lotSize: 1000,
  },
  {
    key: 'ha_labial',
    name: 'Ácido hialurônico reticulado 1 mL — lábios',
    manufacturer: 'Dermofill Indústria Médica S.A.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80412340001',
    riskClass: 'IV',
    unit: 'seringa',
    reorderPoint: 6,
    lotSize: 20,
  },
  {
    key: 'ha_volume',
    name: 'Ácido hialurônico reticulado 1 mL — volume',
    manufacturer: 'Dermofill Indústria Médica S.A.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80412340002',
    riskClass: 'IV',
    unit: 'seringa',
    reorderPoint: 6,
    lotSize: 20,
  },
  {
    key: 'skinbooster',
    name: 'Skinbooster ácido hialurônico não reticulado 1 mL',
    manufacturer: 'Dermofill Indústria Médica S.A.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80412340003',
    riskClass: 'III',
    unit: 'seringa',
    reorderPoint: 4,
    lotSize: 15,
  },
  {
    key: 'caha',
    name: 'Hidroxiapatita de cálcio 1,5 mL',
    manufacturer: 'Biorregen Produtos Médicos Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80577710004',
    riskClass: 'IV',
    unit: 'seringa',
    reorderPoint: 4,
    lotSize: 12,
  },
  {
    key: 'plla',
    name: 'Ácido poli-L-láctico (frasco)',
    manufacturer: 'Biorregen Produtos Médicos Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80577710005',
    riskClass: 'III',
    unit: 'frasco',
    reorderPoint: 3,
    lotSize: 10,
  },
  {
    key: 'pdo',
    name: 'Fio de PDO espiculado (unidade)',
    manufacturer: 'Suturas Brasil Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80233330006',
    riskClass: 'III',
    unit: 'unidade',
    reorderPoint: 20,
    lotSize: 100,
  },
  {
    key: 'hialuronidase',
    name: 'Hialuronidase 2.000 UTR (frasco)',
    manufacturer: 'Enzimática Farma Ltda.',
    anvisaCategory: 'medicamento',
    anvisaNumber: '1555500020019',
    unit: 'frasco',
    storage: 'refrigerado',
    reorderPoint: 2,
    lotSize: 6,
  },
  {
    key: 'lidocaina',
    name: 'Lidocaína 4% creme anestésico tópico',
    manufacturer: 'Farmacêutica Paulista S.A.',
    anvisaCategory: 'medicamento',
    anvisaNumber: '1666600030012',
    unit: 'g',
    reorderPoint: 60,
    lotSize: 300,
  },
  {
    key: 'ponteira',
    name: 'Ponteira estéril para microagulhamento',
    manufacturer: 'Microderm Equipamentos Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80999990007',
    riskClass: 'II',
    unit: 'unidade',
    reorderPoint: 10,
    lotSize: 50,
  },
  {
    key: 'membrana',
    name: 'Membrana anticongelante para criolipólise',
    manufacturer: 'Crioterm Tecnologia Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80888880008',
    riskClass: 'II',
    unit: 'unidade',
    reorderPoint: 10,
    lotSize: 40,
  },
  {
    key: 'gel',
    name: 'Gel condutor neutro',
    manufacturer: 'Crioterm Tecnologia Ltda.',
    anvisaCategory: 'dispositivo_medico',
    anvisaNumber: '80888880009',
    riskClass: 'I',
    unit: 'g',
    reorderPoint: 500,
    lotSize: 5000,
  },
  {
    key: 'glicolico',
    name: 'Solução de ácido glicólico 70% para peeling',
    manufacturer: 'Cosmética Técnica Ltda.',
    anvisaCategory: 'cosmetico',
    anvisaNumber: '2777700040015',
    unit: 'mL',
    reorderPoint: 30,
    lotSize: 120,
  },
  {
    key: 'mascara',
    name: 'Máscara calmante pós-procedimento',
    manufacturer: 'Cosmética Técnica Ltda.',
    anvisaCategory: 'cosmetico',
    anvisaNumber: '2777700050010',
    unit: 'unidade',
    reorderPoint: 10,
    lotSize: 60,
  },
  {
    key: 'protetor',
    name: 'Protetor solar FPS 50 (sachê)',
    manufacturer: 'Cosmética Técnica Ltda.',
    anvisaCategory: 'cosmetico',
    anvisaNumber: '2777700060016',
    unit: 'unidade',
    reorderPoint: 20,
    lotSize: 100,
  },
];

const DAY_MS = 86_400_000;

export type DemoInventoryInput = {
  organizationId: string;
  clinicIds: string[];
  clinicTimeZones: string[];
  now: Date;
  /** How many demo clients received product (traceability). */
  uses: number;
  pick: <T>(items: readonly T[]) => T;
};

export async function seedDemoInventory(tx: Tx, input: DemoInventoryInput): Promise<string> {
  const { organizationId, now } = input;
  const productIds = new Map<string, { id: string; unit: string }>();
  for (const p of PRODUCTS) {
    const row = await insertProduct(tx, {
      organizationId,
      name: p.name,
      manufacturer: p.manufacturer,
      anvisaCategory: p.anvisaCategory,
      anvisaNumber: p.anvisaNumber,
      riskClass: p.riskClass ?? null,
      unit: p.unit,
      storage: p.storage ?? 'ambiente',
      reorderPoint: p.reorderPoint,
      registryCheck: p.anvisaCategory === 'cosmetico' ? 'nao_aplicavel' : 'override',
      registryCheckedAt: now,
      overrideReason:
        p.anvisaCategory === 'cosmetico'
          ? null
          : 'Demonstração: número fictício, base da ANVISA não importada.',
      createdAt: now,
      updatedAt: now,
    });
    productIds.set(p.key, { id: row.id, unit: p.unit });
  }
  for (const t of DEMO_TREATMENTS) {
    const parsed = ZTreatmentInput.parse({
      name: t.name,
      category: t.category,
      competenceCategory: t.competence,
      description: t.description,
      durationMin: t.durationMin,
      bufferMin: 10,
      priceCents: t.priceCents,
      usualSessions: t.usualSessions ?? 1,
      minIntervalDays: t.minIntervalDays ?? 0,
      intervalPolicy: t.category === 'injetavel' ? 'block' : 'warn',
      requiredRoomType: t.room,
      requiredEquipmentKinds: t.equipment ?? [],
      contraindications: t.contraindications ?? {},
      materials: t.materials.map(([key, quantity]) => ({
        productId: productIds.get(key)?.id ?? '',
        quantity,
      })),
      postCare:
        t.category === 'injetavel' ? 'Não massagear a região e evitar exercício intenso por 24 horas.' : '',
    } satisfies TTreatmentInputRaw);
    await createTreatmentInTx(tx, organizationId, parsed, { now, userId: null });
  }

  // Lots: every product in every clinic; the first clinic also holds a toxin lot expiring within
  // 30 days and the filler lot that was used and is now in quarantine.
  const receivedAt = new Date(now.getTime() - 60 * DAY_MS);
  const professionals = await demoProfessionals(tx, organizationId);
  const receiver = professionals[0];
  if (!receiver) return 'catálogo e estoque não semeados: equipe de demonstração ausente';
  const lotIds = new Map<string, string>();
  let lotCount = 0;
  for (const [index, clinicId] of input.clinicIds.entries()) {
    const timeZone = input.clinicTimeZones[index] ?? 'America/Sao_Paulo';
    const receivedOn = localDate(receivedAt, timeZone);
    const expiryIn = (days: number) => localDate(new Date(now.getTime() + days * DAY_MS), timeZone);
    const lots: { key: string; lotNumber: string; expiry: string; quantity: number; storage: string }[] = [];
    for (const p of PRODUCTS) {
      lots.push({
        key: p.key,
        lotNumber: `${p.key
          .replace(/[^a-z]/g, '')
          .slice(0, 3)
          .toUpperCase()}${26_000 + index * 100 + PRODUCTS.indexOf(p)}`,
        expiry: expiryIn(p.anvisaCategory === 'cosmetico' ? 240 : 420),
        quantity: p.lotSize,
        storage: p.storage === 'refrigerado' ? 'Geladeira de medicamentos' : 'Armário de insumos',
      });
    }
    if (index === 0) {
      lots.push({
        key: 'toxina',
        lotNumber: 'TXA2409B',
        expiry: expiryIn(21),
        quantity: 500,
        storage: 'Geladeira de medicamentos',
      });
      lots.push({
        key: 'ha_labial',
        lotNumber: 'HAL2511Q',
        expiry: expiryIn(300),
        quantity: 12,
        storage: 'Armário de insumos',
      });
    }
    for (const lot of lots) {
      const product = productIds.get(lot.key);
      if (!product) continue;
      const row = await insertLot(tx, {
        organizationId,
        clinicId,
        productId: product.id,
        lotNumber: lot.lotNumber,
        expiryDate: lot.expiry,
        supplier: 'Distribuidora Saúde Estética Ltda.',
        invoiceNumber: `${4_200 + lotCount}`,
        receivedOn,
        storageLocation: lot.storage,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      });
      const [movement] = await insertMovements(tx, [
        {
          organizationId,
          clinicId,
          lotId: row.id,
          productId: product.id,
          kind: 'receipt',
          quantity: lot.quantity,
          occurredAt: receivedAt,
          recordedBy: receiver,
          reason: `NF ${4_200 + lotCount}`,
        },
      ]);
      if (movement) {
        await recordAudit(tx, {
          organizationId,
          action: 'stock.receipt',
          entityType: 'lot',
          entityId: row.id,
          changedFields: ['onHand'],
          occurredAt: receivedAt,
        });
      }
      lotIds.set(`${index}:${lot.lotNumber}`, row.id);
      lotCount++;
    }
  }

  // Uses by demo clients in the first clinic (the ledger is the traceability record).
  const clinicId = input.clinicIds[0];
  const clientRows = await findFirstClientIds(tx, organizationId, input.uses);
  let uses = 0;
  const quarantinedLot = lotIds.get('0:HAL2511Q');
  const expiringLot = lotIds.get('0:TXA2409B');
  if (clinicId) {
    for (const [i, client] of clientRows.entries()) {
      const occurredAt = new Date(now.getTime() - (40 - i) * DAY_MS);
      const reference = { sessionId: null, clientId: client.id, professionalId: input.pick(professionals) };
      const draw = (key: string, quantity: number, lotId?: string) =>
        drawStockInTx(tx, {
          organizationId,
          clinicId,
          productId: productIds.get(key)?.id ?? '',
          quantity,
          lotId,
          reference,
          occurredAt,
        });
      if (i % 2 === 0 && quarantinedLot) await draw('ha_labial', 1, quarantinedLot);
      else await draw('toxina', 50, expiringLot);
      await draw('lidocaina', 2);
      uses++;
    }
  }
  if (quarantinedLot) {
    await updateLotsStatus(tx, [quarantinedLot], {
      status: 'quarentena',
      statusReason: 'Comunicado do fabricante: possível falha de esterilidade do lote.',
      statusChangedAt: now,
      statusChangedBy: receiver,
    });
    await recordAudit(tx, {
      organizationId,
      action: 'lot.quarantine',
      entityType: 'lot',
      entityId: quarantinedLot,
      changedFields: ['status', 'statusReason'],
      occurredAt: now,
    });
  }
  return `${PRODUCTS.length} produtos, ${DEMO_TREATMENTS.length} tratamentos com materiais, ${lotCount} lotes (1 vencendo, 1 em quarentena), ${uses} clientes com uso rastreado`;
}

const LICENSED_DEMO_NAMES = [
  'Helena Duarte Vasconcellos',
  'Rafael Moreira Albuquerque',
  'Juliana Alves Pereira',
];

async function demoProfessionals(tx: Tx, organizationId: string): Promise<string[]> {
  return findUserIdsByName(tx, organizationId, LICENSED_DEMO_NAMES);
}
