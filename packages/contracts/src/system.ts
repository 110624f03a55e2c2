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
  /** Present only for a network created by the demo generator. */
  demo: z
    .object({
      password: z.string(),
      accounts: z.array(z.object({ email: z.string(), fullName: z.string(), roleLabel: z.string() })),
    })
    .nullable(),
  /** Whether licence checks reach the real CFM web service or the local simulated registry. */
  licenceRegistryMode: z.enum(['cfm', 'simulated']),
});
export type TSystemInfo = z.infer<typeof ZSystemInfo>;
