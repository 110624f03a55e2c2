import { STAFF_ROLE_LABELS, type TSystemInfo } from '@clinia/contracts';
import type { ServiceDeps } from '../../trpc/context';
import { DEMO_PASSWORD, DEMO_TEAM } from '../staff/staff.service';
import { findDefaultClinic } from './system.queries';

/** Product, version and the clinic this installation serves, for the app shell. */
export async function getSystemInfo(deps: ServiceDeps): Promise<TSystemInfo> {
  const clinic = await findDefaultClinic(deps.database.db);
  return {
    product: 'Clinia',
    version: deps.version,
    environment: deps.config.env,
    databaseDriver: deps.database.driver,
    serverTime: deps.clock.now().toISOString(),
    clinic: clinic
      ? {
          id: clinic.id,
          name: clinic.name,
          organizationName: clinic.organizationName,
          timeZone: clinic.timeZone,
          city: clinic.address.city,
          uf: clinic.address.uf,
        }
      : null,
    demo: clinic?.isDemo
      ? {
          password: DEMO_PASSWORD,
          accounts: DEMO_TEAM.map((m) => ({
            email: m.email,
            fullName: m.fullName,
            roleLabel: m.roles.map((r) => STAFF_ROLE_LABELS[r]).join(', '),
          })),
        }
      : null,
    licenceRegistryMode: deps.config.cfm ? 'cfm' : 'simulated',
  };
}
