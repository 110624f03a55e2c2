import type { Database, Tx } from '../db/client';
import { seedDefaultCompetencePolicy } from '../modules/organizations/organizations.service';
import { seedDemoTeam } from '../modules/staff/staff.seed';
import { recordAudit } from '../platform/audit/audit';
import type { Clock } from '../platform/clock';
import { generateCnpj, generatePerson } from './people';
import { PLACES } from './places';
import { createRng, type Rng } from './random';
import { countOrganizations, insertClinic, insertOrganization, setTechnicalDirector } from './seed.queries';

/**
 * The demo/benchmark generator. One seed → one clinic network, always the same. Each capability adds
 * its own step to SEED_STEPS (staff, clients, catalog, agenda…), run in order in one transaction per
 * step, so a failed seed leaves nothing half-written.
 */
export type SeedOptions = {
  seed: number;
  /** Clinics (units) in the network. */
  clinics: number;
  /** Clients per network, used by the clients step. */
  clients: number;
};

export const DEFAULT_SEED_OPTIONS: SeedOptions = { seed: 20261125, clinics: 1, clients: 300 };

export type SeedState = {
  organizationId: string;
  clinicIds: string[];
  clinicTimeZones: string[];
};

export type SeedStepContext = {
  tx: Tx;
  rng: Rng;
  clock: Clock;
  options: SeedOptions;
  state: SeedState;
};

export type SeedStep = {
  name: string;
  run: (ctx: SeedStepContext) => Promise<string>;
};

const CLINIC_BRANDS = ['Essência', 'Bela Pele', 'Viva Derme', 'Lumière', 'Harmonia', 'Face & Corpo'] as const;

/** Steps registered by capabilities after the foundation. */
export const SEED_STEPS: SeedStep[] = [];

export type SeedReport = {
  organizationId: string;
  clinicIds: string[];
  steps: { name: string; summary: string }[];
};

export async function seedDemo(
  database: Database,
  options: SeedOptions,
  deps: { clock: Clock; onStep?: (name: string, summary: string) => void },
): Promise<SeedReport> {
  const rng = createRng(options.seed);
  const brand = rng.pick(CLINIC_BRANDS);
  const isFirstNetwork = await isDatabaseEmpty(database);
  const state: SeedState = await database.db.transaction(async (tx) => {
    const organizationId = await insertOrganization(tx, `Rede ${brand} Estética`);
    const clinicIds: string[] = [];
    const clinicTimeZones: string[] = [];
    // The first clinic is in São Paulo; further units spread over the real cities list (all four zones).
    const places = [PLACES[0], ...PLACES.slice(1).filter((p) => p.weight >= 1)];
    for (let i = 0; i < options.clinics; i++) {
      const place = places[i % places.length] ?? PLACES[0];
      if (!place) throw new Error('no places');
      const address = generatePerson(rng, { place }).address;
      const unit =
        i === 0
          ? 'Jardins'
          : `${place.city}${i >= places.length ? ` ${Math.floor(i / places.length) + 1}` : ''}`;
      const clinicId = await insertClinic(tx, {
        organizationId,
        name: `${brand} ${unit}`,
        cnpj: generateCnpj(rng),
        timeZone: place.timeZone,
        address: { ...address, complement: `Sala ${rng.int(101, 1210)}` },
      });
      clinicIds.push(clinicId);
      clinicTimeZones.push(place.timeZone);
    }
    await seedDefaultCompetencePolicy(tx, organizationId, deps.clock.now());
    // Several demo networks in one database (benchmarks) need distinct e-mails.
    const team = await seedDemoTeam(
      tx,
      organizationId,
      clinicIds,
      deps.clock.now(),
      isFirstNetwork ? '' : String(options.seed),
    );
    if (team.technicalDirectorUserId && clinicIds[0])
      await setTechnicalDirector(tx, clinicIds[0], team.technicalDirectorUserId);
    await recordAudit(tx, {
      organizationId,
      action: 'demo.seed',
      entityType: 'organization',
      entityId: organizationId,
      occurredAt: deps.clock.now(),
    });
    return { organizationId, clinicIds, clinicTimeZones };
  });
  const steps: SeedReport['steps'] = [
    { name: 'organization', summary: `1 rede, ${state.clinicIds.length} clínica(s)` },
  ];
  deps.onStep?.('organization', steps[0]?.summary ?? '');
  for (const step of SEED_STEPS) {
    const summary = await database.db.transaction((tx) =>
      step.run({ tx, rng, clock: deps.clock, options, state }),
    );
    steps.push({ name: step.name, summary });
    deps.onStep?.(step.name, summary);
  }
  return { organizationId: state.organizationId, clinicIds: state.clinicIds, steps };
}

/** True when the database holds no organisation yet (a fresh install). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  return (await countOrganizations(database.db)) === 0;
}
