import { z } from 'zod';
import { ZProductUnit } from './inventory';

/**
 * Lots, the stock ledger, recalls and adverse events (issue 5). Balances are derived from the ledger
 * on the server; these contracts are what the screens send and read.
 */

const isoDate = (field: string) =>
  z
    .string({ error: `${field}: informe a data.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field}: use o formato dd/mm/aaaa.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `${field}: data inválida.`);

const uuid = (message: string) => z.string({ error: message }).uuid(message);

const quantity = (field: string) =>
  z
    .number({ error: `${field}: informe a quantidade.` })
    .positive(`${field}: deve ser maior que zero.`)
    .max(1_000_000, `${field}: valor alto demais.`)
    .refine((v) => Math.round(v * 1000) === v * 1000, `${field}: no máximo 3 casas decimais.`);

export const LOT_STATUSES = ['ativo', 'quarentena', 'recolhido'] as const;
export type TLotStatus = (typeof LOT_STATUSES)[number];
export const LOT_STATUS_LABELS: Record<TLotStatus, string> = {
  ativo: 'Ativo',
  quarentena: 'Em quarentena',
  recolhido: 'Recolhido',
};

/** Expiry bands of the alerts and the colours of the stock screen. */
export const EXPIRY_BANDS = ['vencido', 'ate_30', 'ate_60', 'ate_90', 'ok'] as const;
export type TExpiryBand = (typeof EXPIRY_BANDS)[number];
export const EXPIRY_BAND_LABELS: Record<TExpiryBand, string> = {
  vencido: 'Vencido',
  ate_30: 'Vence em até 30 dias',
  ate_60: 'Vence em até 60 dias',
  ate_90: 'Vence em até 90 dias',
  ok: 'Validade acima de 90 dias',
};

/** Days from `today` to `expiry` (both yyyy-MM-dd) and the band they fall in. */
export function expiryBand(expiry: string, today: string): { days: number; band: TExpiryBand } {
  const days = Math.round(
    (Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  const band: TExpiryBand =
    days < 0 ? 'vencido' : days <= 30 ? 'ate_30' : days <= 60 ? 'ate_60' : days <= 90 ? 'ate_90' : 'ok';
  return { days, band };
}

export const MOVEMENT_KINDS = [
  'receipt',
  'use',
  'loss',
  'adjustment',
  'transfer_out',
  'transfer_in',
  'return',
] as const;
export type TMovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<TMovementKind, string> = {
  receipt: 'Recebimento',
  use: 'Uso em atendimento',
  loss: 'Perda',
  adjustment: 'Ajuste de inventário',
  transfer_out: 'Transferência (saída)',
  transfer_in: 'Transferência (entrada)',
  return: 'Devolução ao fornecedor',
};

export const ZReceiveLotInput = z
  .object({
    productId: uuid('Produto: escolha o produto.'),
    lotNumber: z
      .string({ error: 'Lote: informe o número do lote.' })
      .trim()
      .min(1, 'Lote: informe o número do lote.')
      .max(60, 'Lote: no máximo 60 caracteres.'),
    expiryDate: isoDate('Validade'),
    udi: z.string().trim().max(120, 'UDI: no máximo 120 caracteres.').nullable().default(null),
    supplier: z
      .string({ error: 'Fornecedor: informe o fornecedor.' })
      .trim()
      .min(2, 'Fornecedor: informe o fornecedor.')
      .max(160, 'Fornecedor: no máximo 160 caracteres.'),
    invoiceNumber: z
      .string({ error: 'Nota fiscal: informe o número da nota.' })
      .trim()
      .min(1, 'Nota fiscal: informe o número da nota.')
      .max(60, 'Nota fiscal: no máximo 60 caracteres.'),
    receivedOn: isoDate('Data de recebimento'),
    storageLocation: z
      .string()
      .trim()
      .max(120, 'Local de armazenamento: no máximo 120 caracteres.')
      .default(''),
    quantity: quantity('Quantidade'),
  })
  .superRefine((value, ctx) => {
    if (value.expiryDate < value.receivedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiryDate'],
        message: 'Validade: o lote já estava vencido no recebimento.',
      });
    }
  });
export type TReceiveLotInput = z.infer<typeof ZReceiveLotInput>;
export type TReceiveLotInputRaw = z.input<typeof ZReceiveLotInput>;

const reason = z
  .string({ error: 'Motivo: descreva o motivo.' })
  .trim()
  .min(3, 'Motivo: descreva o motivo (mín. 3 caracteres).')
  .max(500, 'Motivo: no máximo 500 caracteres.');

/** Loss, return to the supplier, or an inventory adjustment (signed: counted more or less). */
export const ZStockMovementInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['loss', 'return']),
    lotId: uuid('Lote inválido.'),
    quantity: quantity('Quantidade'),
    reason,
  }),
  z.object({
    kind: z.literal('adjustment'),
    lotId: uuid('Lote inválido.'),
    /** Positive: more was counted than the ledger says; negative: less. */
    delta: z
      .number({ error: 'Diferença: informe a quantidade.' })
      .refine((v) => v !== 0, 'Diferença: não pode ser zero.')
      .refine((v) => Math.abs(v) <= 1_000_000, 'Diferença: valor alto demais.'),
    reason,
  }),
]);
export type TStockMovementInput = z.infer<typeof ZStockMovementInput>;

export const ZTransferInput = z.object({
  lotId: uuid('Lote inválido.'),
  toClinicId: uuid('Clínica de destino: escolha a clínica.'),
  quantity: quantity('Quantidade'),
  reason: z.string().trim().max(500, 'Motivo: no máximo 500 caracteres.').default(''),
});
export type TTransferInput = z.infer<typeof ZTransferInput>;

export const ZLotStatusInput = z.object({ lotId: uuid('Lote inválido.'), reason });
export type TLotStatusInput = z.infer<typeof ZLotStatusInput>;

export const ZLot = z.object({
  id: z.string().uuid(),
  clinicId: z.string().uuid(),
  clinicName: z.string(),
  productId: z.string().uuid(),
  productName: z.string(),
  unit: ZProductUnit,
  lotNumber: z.string(),
  expiryDate: z.string(),
  daysToExpiry: z.number().int(),
  expiryBand: z.enum(EXPIRY_BANDS),
  udi: z.string().nullable(),
  supplier: z.string(),
  invoiceNumber: z.string(),
  receivedOn: z.string(),
  storageLocation: z.string(),
  status: z.enum(LOT_STATUSES),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  onHand: z.number(),
  /** ativo, within its expiry and with stock: may be drawn. */
  isUsable: z.boolean(),
});
export type TLot = z.infer<typeof ZLot>;

export const ZLotFilter = z
  .object({
    clinicId: z.string().uuid().nullable().default(null),
    productId: z.string().uuid().nullable().default(null),
    includeEmpty: z.boolean().default(false),
  })
  .default({ clinicId: null, productId: null, includeEmpty: false });

export const ZStockMovement = z.object({
  id: z.string().uuid(),
  lotId: z.string().uuid(),
  kind: z.enum(MOVEMENT_KINDS),
  quantity: z.number(),
  occurredAt: z.string(),
  reason: z.string().nullable(),
  sessionId: z.string().uuid().nullable(),
  transferId: z.string().uuid().nullable(),
});
export type TStockMovement = z.infer<typeof ZStockMovement>;

export const ZStockBalance = z.object({
  clinicId: z.string().uuid(),
  clinicName: z.string(),
  productId: z.string().uuid(),
  productName: z.string(),
  unit: ZProductUnit,
  reorderPoint: z.number(),
  /** Usable stock: active, unexpired lots. */
  usable: z.number(),
  /** Stock held in quarantined, recalled or expired lots. */
  blocked: z.number(),
  isBelowReorder: z.boolean(),
});
export type TStockBalance = z.infer<typeof ZStockBalance>;

export const ZLotSuggestion = z.object({
  lotId: z.string().uuid(),
  lotNumber: z.string(),
  expiryDate: z.string(),
  quantity: z.number(),
});
export type TLotSuggestion = z.infer<typeof ZLotSuggestion>;

export const ZSuggestLotsInput = z.object({
  productId: uuid('Produto inválido.'),
  quantity: quantity('Quantidade'),
});

/** One application of the lot: who received it, when, from whom (the recall list). */
export const ZTraceabilityRow = z.object({
  movementId: z.string().uuid(),
  occurredAt: z.string(),
  clinicName: z.string(),
  lotNumber: z.string(),
  clientId: z.string().uuid(),
  clientName: z.string(),
  sessionId: z.string().uuid().nullable(),
  professionalName: z.string(),
  quantity: z.number(),
  unit: ZProductUnit,
});
export type TTraceabilityRow = z.infer<typeof ZTraceabilityRow>;

export const ZTraceabilityReport = z.object({
  productName: z.string(),
  manufacturer: z.string(),
  anvisaNumberFormatted: z.string(),
  lotNumber: z.string(),
  expiryDate: z.string(),
  /** Lot rows of this product and number across the organisation's clinics. */
  lots: z.array(z.object({ id: z.string().uuid(), clinicName: z.string(), status: z.enum(LOT_STATUSES) })),
  rows: z.array(ZTraceabilityRow),
  clientCount: z.number().int(),
});
export type TTraceabilityReport = z.infer<typeof ZTraceabilityReport>;

export const ZExportFile = z.object({ name: z.string(), mediaType: z.string(), base64: z.string() });
export type TExportFile = z.infer<typeof ZExportFile>;

export const ZAlertsInput = z
  .object({ horizonDays: z.number().int().min(1).max(90).default(14) })
  .default({ horizonDays: 14 });

export const ZStockAlerts = z.object({
  expiring: z.array(ZLot),
  belowReorder: z.array(ZStockBalance),
  /** Expected consumption of the booked agenda (bill of materials) against usable stock. */
  forecast: z.array(
    z.object({
      productId: z.string().uuid(),
      productName: z.string(),
      unit: ZProductUnit,
      expected: z.number(),
      usable: z.number(),
      shortfall: z.number(),
    }),
  ),
  horizonDays: z.number().int(),
});
export type TStockAlerts = z.infer<typeof ZStockAlerts>;

// Adverse events (intercorrências), REGULATION.md 4.3.

export const ADVERSE_SEVERITIES = ['leve', 'moderado', 'grave', 'obito'] as const;
export const ZAdverseSeverity = z.enum(ADVERSE_SEVERITIES, { error: 'Gravidade: escolha a gravidade.' });
export type TAdverseSeverity = z.infer<typeof ZAdverseSeverity>;
export const ADVERSE_SEVERITY_LABELS: Record<TAdverseSeverity, string> = {
  leve: 'Leve',
  moderado: 'Moderado',
  grave: 'Grave',
  obito: 'Óbito',
};

export const ADVERSE_OUTCOMES = [
  'em_acompanhamento',
  'recuperado',
  'recuperado_com_sequela',
  'obito',
  'desconhecido',
] as const;
export const ZAdverseOutcome = z.enum(ADVERSE_OUTCOMES, { error: 'Desfecho: escolha o desfecho.' });
export type TAdverseOutcome = z.infer<typeof ZAdverseOutcome>;
export const ADVERSE_OUTCOME_LABELS: Record<TAdverseOutcome, string> = {
  em_acompanhamento: 'Em acompanhamento',
  recuperado: 'Recuperado',
  recuperado_com_sequela: 'Recuperado com sequela',
  obito: 'Óbito',
  desconhecido: 'Desconhecido',
};

export const NOTIFICATION_CHANNELS = ['vigimed', 'notivisa'] as const;
export type TNotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_CHANNEL_LABELS: Record<TNotificationChannel, string> = {
  vigimed: 'VigiMed (medicamentos)',
  notivisa: 'NOTIVISA (dispositivos e serviços)',
};

const narrative = (field: string, max: number) =>
  z.string().trim().max(max, `${field}: no máximo ${max} caracteres.`);

export const ZAdverseEventInput = z
  .object({
    clientId: uuid('Cliente: escolha o cliente.'),
    productId: uuid('Produto inválido.').nullable().default(null),
    lotId: uuid('Lote inválido.').nullable().default(null),
    sessionId: uuid('Atendimento inválido.').nullable().default(null),
    severity: ZAdverseSeverity,
    onsetAt: z
      .string({ error: 'Início: informe data e hora.' })
      .refine((v) => !Number.isNaN(Date.parse(v)), 'Início: data e hora inválidas.'),
    description: narrative('Descrição', 4000).min(
      10,
      'Descrição: descreva a intercorrência (mín. 10 caracteres).',
    ),
    outcome: ZAdverseOutcome.default('em_acompanhamento'),
    outcomeNotes: narrative('Desfecho', 2000).default(''),
    followUp: narrative('Acompanhamento', 4000).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.lotId && !value.productId) {
      ctx.addIssue({ code: 'custom', path: ['productId'], message: 'Produto: informe o produto do lote.' });
    }
    if ((value.severity === 'obito') !== (value.outcome === 'obito')) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'Desfecho: óbito deve constar na gravidade e no desfecho.',
      });
    }
  });
export type TAdverseEventInput = z.infer<typeof ZAdverseEventInput>;
export type TAdverseEventInputRaw = z.input<typeof ZAdverseEventInput>;

export const ZAdverseFollowUpInput = z.object({
  id: uuid('Intercorrência inválida.'),
  outcome: ZAdverseOutcome,
  outcomeNotes: narrative('Desfecho', 2000).default(''),
  followUp: narrative('Acompanhamento', 4000).default(''),
});

export const ZAdverseNotifiedInput = z.object({
  id: uuid('Intercorrência inválida.'),
  protocol: z
    .string({ error: 'Protocolo: informe o número da notificação.' })
    .trim()
    .min(3, 'Protocolo: informe o número da notificação.')
    .max(60, 'Protocolo: no máximo 60 caracteres.'),
});

export const ZAdverseEvent = z.object({
  id: z.string().uuid(),
  clientId: z.string().uuid(),
  productId: z.string().uuid().nullable(),
  productName: z.string().nullable(),
  lotId: z.string().uuid().nullable(),
  lotNumber: z.string().nullable(),
  sessionId: z.string().uuid().nullable(),
  severity: ZAdverseSeverity,
  isSerious: z.boolean(),
  onsetAt: z.string(),
  outcome: ZAdverseOutcome,
  channel: z.enum(NOTIFICATION_CHANNELS),
  dueAt: z.string(),
  notifiedAt: z.string().nullable(),
  notificationProtocol: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(),
});
export type TAdverseEvent = z.infer<typeof ZAdverseEvent>;

export const ZAdverseEventDetail = ZAdverseEvent.extend({
  description: z.string(),
  outcomeNotes: z.string(),
  followUp: z.string(),
});
export type TAdverseEventDetail = z.infer<typeof ZAdverseEventDetail>;

/** The fields NOTIVISA / VigiMed ask for (REGULATION.md 4.3), ready to copy into the form. */
export const ZAdverseEventReport = z.object({
  channel: z.enum(NOTIFICATION_CHANNELS),
  dueAt: z.string(),
  isOverdue: z.boolean(),
  patient: z.object({ initials: z.string(), ageYears: z.number().int(), sex: z.string() }),
  establishment: z.object({ name: z.string(), cnpj: z.string() }),
  product: z
    .object({
      name: z.string(),
      manufacturer: z.string(),
      anvisaCategory: z.string(),
      anvisaNumberFormatted: z.string(),
      riskClass: z.string().nullable(),
    })
    .nullable(),
  lot: z.object({ number: z.string(), expiryDate: z.string() }).nullable(),
  severity: ZAdverseSeverity,
  isSerious: z.boolean(),
  onsetAt: z.string(),
  recordedAt: z.string(),
  description: z.string(),
  outcome: ZAdverseOutcome,
  outcomeNotes: z.string(),
  followUp: z.string(),
});
export type TAdverseEventReport = z.infer<typeof ZAdverseEventReport>;
