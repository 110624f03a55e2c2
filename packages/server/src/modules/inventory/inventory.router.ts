import {
  ZAlertsInput,
  ZExportFile,
  ZLot,
  ZLotFilter,
  ZLotStatusInput,
  ZLotSuggestion,
  ZProduct,
  ZProductInput,
  ZReceiveLotInput,
  ZStockAlerts,
  ZStockBalance,
  ZStockMovement,
  ZStockMovementInput,
  ZSuggestLotsInput,
  ZTraceabilityReport,
  ZTransferInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { stockAlerts } from './alerts.service';
import { createProduct, getRegistryState, listProducts, updateProduct } from './products.service';
import {
  listBalances,
  listClinics,
  listLots,
  lotMovements,
  receiveLot,
  recordStockMovement,
  setLotStatus,
  suggestLots,
  transferStock,
} from './stock.service';
import { exportTraceability, getTraceability } from './traceability.service';

const ZRegistryState = z.object({
  kind: z.enum(['medicamento', 'dispositivo_medico']),
  isLoaded: z.boolean(),
  importedAt: z.string().nullable(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  isStale: z.boolean(),
});

const ZLotId = z.object({ lotId: z.string().uuid('Lote inválido.') });

export const inventoryRouter = router({
  products: actionProcedure('inventory.read')
    .output(z.array(ZProduct))
    .query(({ ctx }) => listProducts(ctx, ctx.actor)),
  registryState: actionProcedure('inventory.read')
    .output(z.array(ZRegistryState))
    .query(({ ctx }) => getRegistryState(ctx, ctx.actor)),
  createProduct: actionProcedure('inventory.products.manage')
    .input(ZProductInput)
    .output(ZProduct)
    .mutation(({ ctx, input }) => createProduct(ctx, ctx.actor, input)),
  updateProduct: actionProcedure('inventory.products.manage')
    .input(z.object({ id: z.string().uuid('Produto inválido.'), data: ZProductInput }))
    .output(ZProduct)
    .mutation(({ ctx, input }) => updateProduct(ctx, ctx.actor, input)),
  clinics: actionProcedure('inventory.read')
    .output(z.array(z.object({ id: z.string().uuid(), name: z.string(), isCurrent: z.boolean() })))
    .query(({ ctx }) => listClinics(ctx, ctx.actor)),
  lots: actionProcedure('inventory.read')
    .input(ZLotFilter)
    .output(z.array(ZLot))
    .query(({ ctx, input }) => listLots(ctx, ctx.actor, input)),
  lotMovements: actionProcedure('inventory.read')
    .input(ZLotId)
    .output(z.array(ZStockMovement))
    .query(({ ctx, input }) => lotMovements(ctx, ctx.actor, input.lotId)),
  balances: actionProcedure('inventory.read')
    .input(z.object({ clinicId: z.string().uuid().nullable().default(null) }).default({ clinicId: null }))
    .output(z.array(ZStockBalance))
    .query(({ ctx, input }) => listBalances(ctx, ctx.actor, input)),
  suggestLots: actionProcedure('inventory.read')
    .input(ZSuggestLotsInput)
    .output(z.object({ suggestion: z.array(ZLotSuggestion), usable: z.number(), isEnough: z.boolean() }))
    .query(({ ctx, input }) => suggestLots(ctx, ctx.actor, input)),
  receiveLot: actionProcedure('inventory.stock.receive')
    .input(ZReceiveLotInput)
    .output(ZLot)
    .mutation(({ ctx, input }) => receiveLot(ctx, ctx.actor, input)),
  recordMovement: actionProcedure('inventory.stock.adjust')
    .input(ZStockMovementInput)
    .output(ZLot)
    .mutation(({ ctx, input }) => recordStockMovement(ctx, ctx.actor, input)),
  transfer: actionProcedure('inventory.stock.adjust')
    .input(ZTransferInput)
    .output(z.object({ from: ZLot, to: ZLot }))
    .mutation(({ ctx, input }) => transferStock(ctx, ctx.actor, input)),
  quarantineLot: actionProcedure('inventory.lots.quarantine')
    .input(ZLotStatusInput)
    .output(z.array(ZLot))
    .mutation(({ ctx, input }) => setLotStatus(ctx, ctx.actor, input, 'quarentena')),
  recallLot: actionProcedure('inventory.lots.release')
    .input(ZLotStatusInput)
    .output(z.array(ZLot))
    .mutation(({ ctx, input }) => setLotStatus(ctx, ctx.actor, input, 'recolhido')),
  releaseLot: actionProcedure('inventory.lots.release')
    .input(ZLotStatusInput)
    .output(z.array(ZLot))
    .mutation(({ ctx, input }) => setLotStatus(ctx, ctx.actor, input, 'ativo')),
  traceability: actionProcedure('inventory.traceability')
    .input(ZLotId)
    .output(ZTraceabilityReport)
    .query(({ ctx, input }) => getTraceability(ctx, ctx.actor, input.lotId)),
  exportTraceability: actionProcedure('inventory.traceability')
    .input(ZLotId.extend({ format: z.enum(['csv', 'pdf'], { error: 'Formato: escolha CSV ou PDF.' }) }))
    .output(ZExportFile)
    .mutation(({ ctx, input }) => exportTraceability(ctx, ctx.actor, input)),
  alerts: actionProcedure('inventory.read')
    .input(ZAlertsInput)
    .output(ZStockAlerts)
    .query(({ ctx, input }) => stockAlerts(ctx, ctx.actor, input)),
});
