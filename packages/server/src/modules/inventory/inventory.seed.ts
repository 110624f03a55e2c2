import {
  type TProcedureCategory,
  type TProductUnit,
  type TTreatmentCategory,
  type TTreatmentInputRaw,
  ZTreatmentInput,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import { localDate } from '../../platform/clock';
import { createTreatmentInTx } from '../catalog/catalog.service';
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

type DemoTreatment = {
  name: string;
  category: TTreatmentCategory;
  competence: TProcedureCategory;
  durationMin: number;
  priceCents: number;
  usualSessions?: number;
  minIntervalDays?: number;
  room: TTreatmentInputRaw['requiredRoomType'];
  equipment?: TTreatmentInputRaw['requiredEquipmentKinds'];
  contraindications?: TTreatmentInputRaw['contraindications'];
  materials: [string, number][];
  description: string;
};

const INJECTABLE_RULES = {
  pregnancy: { severity: 'hard' },
  breastfeeding: { severity: 'hard' },
  activeInfection: { severity: 'hard' },
  anticoagulants: { severity: 'warn' },
  autoimmune: { severity: 'warn' },
  age: { min: 18, severity: 'hard' },
} as const;
const LASER_RULES = {
  pregnancy: { severity: 'hard' },
  isotretinoin: { withinMonths: 6, severity: 'hard' },
  keloid: { severity: 'warn' },
  activeInfection: { severity: 'hard' },
  fitzpatrick: { max: 'IV', severity: 'hard' },
} as const;
const PEEL_RULES = {
  pregnancy: { severity: 'warn' },
  isotretinoin: { withinMonths: 6, severity: 'hard' },
  activeInfection: { severity: 'hard' },
} as const;

const TREATMENTS: DemoTreatment[] = [
  {
    name: 'Toxina botulínica — terço superior',
    category: 'injetavel',
    competence: 'toxina_botulinica',
    durationMin: 30,
    priceCents: 150_000,
    minIntervalDays: 90,
    room: 'consultorio',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['toxina', 50],
      ['lidocaina', 2],
    ],
    description: 'Testa, glabela e pés de galinha.',
  },
  {
    name: 'Toxina botulínica — full face',
    category: 'injetavel',
    competence: 'toxina_botulinica',
    durationMin: 45,
    priceCents: 220_000,
    minIntervalDays: 90,
    room: 'consultorio',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['toxina', 80],
      ['lidocaina', 3],
    ],
    description: 'Terço superior, sorriso gengival, mento e platisma.',
  },
  {
    name: 'Toxina botulínica para hiperidrose axilar',
    category: 'injetavel',
    competence: 'toxina_botulinica',
    durationMin: 40,
    priceCents: 250_000,
    minIntervalDays: 120,
    room: 'consultorio',
    contraindications: INJECTABLE_RULES,
    materials: [['toxina', 100]],
    description: 'Redução do suor axilar por 6 a 9 meses.',
  },
  {
    name: 'Toxina botulínica para bruxismo',
    category: 'injetavel',
    competence: 'toxina_botulinica',
    durationMin: 30,
    priceCents: 180_000,
    minIntervalDays: 90,
    room: 'consultorio',
    contraindications: INJECTABLE_RULES,
    materials: [['toxina', 60]],
    description: 'Aplicação no masseter.',
  },
  {
    name: 'Preenchimento labial com ácido hialurônico',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 45,
    priceCents: 180_000,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['ha_labial', 1],
      ['lidocaina', 2],
    ],
    description: 'Contorno e volume labial.',
  },
  {
    name: 'Preenchimento de olheiras',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 45,
    priceCents: 200_000,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['ha_volume', 1],
      ['lidocaina', 2],
    ],
    description: 'Correção do sulco lacrimal com cânula.',
  },
  {
    name: 'Preenchimento de malar e mandíbula',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 60,
    priceCents: 380_000,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['ha_volume', 2],
      ['lidocaina', 3],
    ],
    description: 'Projeção e contorno facial.',
  },
  {
    name: 'Rinomodelação',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 45,
    priceCents: 220_000,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['ha_volume', 1],
      ['lidocaina', 2],
    ],
    description: 'Correção do dorso e da ponta nasal sem cirurgia.',
  },
  {
    name: 'Skinbooster',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 40,
    priceCents: 120_000,
    usualSessions: 3,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    contraindications: INJECTABLE_RULES,
    materials: [
      ['skinbooster', 1],
      ['lidocaina', 3],
    ],
    description: 'Hidratação profunda e viço da pele.',
  },
  {
    name: 'Bioestimulador de colágeno — hidroxiapatita de cálcio',
    category: 'injetavel',
    competence: 'bioestimulador',
    durationMin: 60,
    priceCents: 280_000,
    usualSessions: 2,
    minIntervalDays: 60,
    room: 'sala_procedimentos',
    contraindications: { ...INJECTABLE_RULES, keloid: { severity: 'warn' } },
    materials: [
      ['caha', 1],
      ['lidocaina', 3],
    ],
    description: 'Estímulo de colágeno e firmeza.',
  },
  {
    name: 'Bioestimulador de colágeno — ácido poli-L-láctico',
    category: 'injetavel',
    competence: 'bioestimulador',
    durationMin: 60,
    priceCents: 260_000,
    usualSessions: 3,
    minIntervalDays: 45,
    room: 'sala_procedimentos',
    contraindications: { ...INJECTABLE_RULES, keloid: { severity: 'warn' } },
    materials: [
      ['plla', 1],
      ['lidocaina', 3],
    ],
    description: 'Flacidez facial e corporal.',
  },
  {
    name: 'Fios de PDO de sustentação',
    category: 'injetavel',
    competence: 'fios_pdo',
    durationMin: 60,
    priceCents: 300_000,
    minIntervalDays: 180,
    room: 'sala_procedimentos',
    contraindications: { ...INJECTABLE_RULES, keloid: { severity: 'hard' } },
    materials: [
      ['pdo', 8],
      ['lidocaina', 3],
    ],
    description: 'Reposicionamento do terço médio.',
  },
  {
    name: 'Hialuronidase — correção de preenchimento',
    category: 'injetavel',
    competence: 'preenchedor_acido_hialuronico',
    durationMin: 30,
    priceCents: 90_000,
    room: 'sala_procedimentos',
    contraindications: { pregnancy: { severity: 'warn' } },
    materials: [['hialuronidase', 1]],
    description: 'Dissolução de ácido hialurônico (também em intercorrências).',
  },
  {
    name: 'Laser de CO₂ fracionado',
    category: 'laser_luz',
    competence: 'laser_luz',
    durationMin: 60,
    priceCents: 150_000,
    usualSessions: 3,
    minIntervalDays: 45,
    room: 'sala_laser',
    equipment: ['laser_co2_fracionado'],
    contraindications: LASER_RULES,
    materials: [
      ['lidocaina', 10],
      ['mascara', 1],
      ['protetor', 1],
    ],
    description: 'Rejuvenescimento, cicatrizes de acne e textura.',
  },
  {
    name: 'Luz intensa pulsada — manchas e vasos',
    category: 'laser_luz',
    competence: 'laser_luz',
    durationMin: 40,
    priceCents: 60_000,
    usualSessions: 4,
    minIntervalDays: 30,
    room: 'sala_laser',
    equipment: ['luz_intensa_pulsada'],
    contraindications: LASER_RULES,
    materials: [
      ['gel', 30],
      ['protetor', 1],
    ],
    description: 'Fotorrejuvenescimento, melasma leve e telangiectasias.',
  },
  {
    name: 'Depilação a laser — axilas',
    category: 'laser_luz',
    competence: 'laser_luz',
    durationMin: 20,
    priceCents: 15_000,
    usualSessions: 8,
    minIntervalDays: 30,
    room: 'sala_laser',
    equipment: ['laser_diodo'],
    contraindications: {
      pregnancy: { severity: 'warn' },
      isotretinoin: { withinMonths: 6, severity: 'warn' },
    },
    materials: [['gel', 20]],
    description: 'Laser de diodo.',
  },
  {
    name: 'Laser Nd:YAG — rejuvenescimento',
    category: 'laser_luz',
    competence: 'laser_luz',
    durationMin: 40,
    priceCents: 70_000,
    usualSessions: 4,
    minIntervalDays: 30,
    room: 'sala_laser',
    equipment: ['laser_nd_yag'],
    contraindications: LASER_RULES,
    materials: [
      ['gel', 20],
      ['protetor', 1],
    ],
    description: 'Laser toning para textura e poros.',
  },
  {
    name: 'Peeling químico com ácido glicólico',
    category: 'peeling',
    competence: 'peeling_quimico',
    durationMin: 40,
    priceCents: 35_000,
    usualSessions: 4,
    minIntervalDays: 15,
    room: 'cabine_estetica',
    contraindications: PEEL_RULES,
    materials: [
      ['glicolico', 4],
      ['mascara', 1],
      ['protetor', 1],
    ],
    description: 'Renovação superficial, manchas e acne.',
  },
  {
    name: 'Microagulhamento facial',
    category: 'microagulhamento',
    competence: 'microagulhamento',
    durationMin: 60,
    priceCents: 45_000,
    usualSessions: 3,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    equipment: ['microagulhamento_eletrico'],
    contraindications: { ...PEEL_RULES, keloid: { severity: 'hard' } },
    materials: [
      ['ponteira', 1],
      ['lidocaina', 5],
      ['mascara', 1],
    ],
    description: 'Indução percutânea de colágeno.',
  },
  {
    name: 'Microagulhamento com skinbooster (drug delivery)',
    category: 'microagulhamento',
    competence: 'microagulhamento',
    durationMin: 60,
    priceCents: 80_000,
    usualSessions: 3,
    minIntervalDays: 30,
    room: 'sala_procedimentos',
    equipment: ['microagulhamento_eletrico'],
    contraindications: { ...PEEL_RULES, keloid: { severity: 'hard' } },
    materials: [
      ['ponteira', 1],
      ['skinbooster', 1],
      ['lidocaina', 5],
    ],
    description: 'Microagulhamento associado a ácido hialurônico não reticulado.',
  },
  {
    name: 'Limpeza de pele profunda',
    category: 'facial',
    competence: 'limpeza_facial',
    durationMin: 60,
    priceCents: 18_000,
    usualSessions: 1,
    minIntervalDays: 30,
    room: 'cabine_estetica',
    contraindications: { activeInfection: { severity: 'warn' } },
    materials: [
      ['mascara', 1],
      ['protetor', 1],
    ],
    description: 'Extração, esfoliação e máscara calmante.',
  },
  {
    name: 'Radiofrequência facial',
    category: 'facial',
    competence: 'corporal_aparelhos',
    durationMin: 40,
    priceCents: 25_000,
    usualSessions: 6,
    minIntervalDays: 7,
    room: 'cabine_estetica',
    equipment: ['radiofrequencia'],
    contraindications: { pregnancy: { severity: 'hard' } },
    materials: [['gel', 40]],
    description: 'Firmeza e contorno facial.',
  },
  {
    name: 'Ultrassom microfocado',
    category: 'facial',
    competence: 'corporal_aparelhos',
    durationMin: 90,
    priceCents: 350_000,
    minIntervalDays: 180,
    room: 'sala_procedimentos',
    equipment: ['ultrassom_microfocado'],
    contraindications: { pregnancy: { severity: 'hard' }, activeInfection: { severity: 'hard' } },
    materials: [
      ['gel', 50],
      ['lidocaina', 5],
    ],
    description: 'Lifting não cirúrgico.',
  },
  {
    name: 'Criolipólise — abdome',
    category: 'corporal',
    competence: 'corporal_aparelhos',
    durationMin: 70,
    priceCents: 90_000,
    usualSessions: 2,
    minIntervalDays: 60,
    room: 'sala_corporal',
    equipment: ['criolipolise'],
    contraindications: { pregnancy: { severity: 'hard' } },
    materials: [['membrana', 1]],
    description: 'Redução de gordura localizada.',
  },
  {
    name: 'Radiofrequência corporal',
    category: 'corporal',
    competence: 'corporal_aparelhos',
    durationMin: 50,
    priceCents: 30_000,
    usualSessions: 8,
    minIntervalDays: 7,
    room: 'sala_corporal',
    equipment: ['radiofrequencia'],
    contraindications: { pregnancy: { severity: 'hard' } },
    materials: [['gel', 80]],
    description: 'Flacidez e celulite.',
  },
  {
    name: 'Bioestimulador corporal — glúteos',
    category: 'corporal',
    competence: 'bioestimulador',
    durationMin: 60,
    priceCents: 420_000,
    usualSessions: 2,
    minIntervalDays: 60,
    room: 'sala_procedimentos',
    contraindications: { ...INJECTABLE_RULES, keloid: { severity: 'warn' } },
    materials: [
      ['plla', 2],
      ['lidocaina', 10],
    ],
    description: 'Flacidez e textura corporal.',
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
  for (const t of TREATMENTS) {
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
  return `${PRODUCTS.length} produtos, ${TREATMENTS.length} tratamentos com materiais, ${lotCount} lotes (1 vencendo, 1 em quarentena), ${uses} clientes com uso rastreado`;
}

const LICENSED_DEMO_NAMES = [
  'Helena Duarte Vasconcellos',
  'Rafael Moreira Albuquerque',
  'Juliana Alves Pereira',
];

async function demoProfessionals(tx: Tx, organizationId: string): Promise<string[]> {
  return findUserIdsByName(tx, organizationId, LICENSED_DEMO_NAMES);
}
