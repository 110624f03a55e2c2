import { ZProduct, ZProductInput } from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { createProduct, getRegistryState, listProducts, updateProduct } from './products.service';

const ZRegistryState = z.object({
  kind: z.enum(['medicamento', 'dispositivo_medico']),
  isLoaded: z.boolean(),
  importedAt: z.string().nullable(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  isStale: z.boolean(),
});

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
});
