import { z } from 'zod';

/** What the app shell needs to greet the user: product, version and the clinic it runs for. */
export const ZSystemInfo = z.object({
  product: z.literal('Clinia'),
  version: z.string(),
  environment: z.enum(['development', 'production', 'test']),
  databaseDriver: z.enum(['pglite', 'postgres']),
  serverTime: z.string().datetime(),
  clinic: z
    .object({
      id: z.string().uuid(),
      name: z.string(),
      organizationName: z.string(),
      timeZone: z.string(),
      city: z.string(),
      uf: z.string().length(2),
    })
    .nullable(),
});
export type TSystemInfo = z.infer<typeof ZSystemInfo>;
