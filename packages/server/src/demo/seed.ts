import type { TIntakeData } from '@clinia/contracts';
import type { Database, Tx } from '../db/client';
import { seedDemoClients } from '../modules/clients/clients.seed';
import { seedDefaultConsentDocuments } from '../modules/clients/clients.service';
import { seedDemoInventory } from '../modules/inventory/inventory.seed';
import { seedDemoMessaging } from '../modules/messaging/messaging.seed';
import { seedDefaultCompetencePolicy } from '../modules/organizations/organizations.service';
import { DEMO_PHOTO_POSES, seedDemoPhotos } from '../modules/photos/photos.seed';
import type { ObjectStorage } from '../modules/photos/storage';
import { seedDemoNoShowHistory } from '../modules/scheduling/noshow.seed';
import { seedDemoAgenda } from '../modules/scheduling/scheduling.seed';
import { seedDemoSessions } from '../modules/sessions/sessions.seed';
import { seedDemoTeam } from '../modules/staff/staff.seed';
import { recordAudit } from '../platform/audit/audit';
import type { Clock } from '../platform/clock';
import type { Keyring } from '../platform/crypto/keyring';
import { adultBirthDate, generateCnpj, generatePerson } from './people';
import { PLACES } from './places';
import { createRng, type Rng } from './random';
import {
  countOrganizations,
  findFirstClientIds,
  insertClinic,
  insertOrganization,
  setTechnicalDirector,
} from './seed.queries';

/**
 * The demo/benchmark generator. One seed → one clinic network, always the same data. Steps run in
 * order, each in its own transaction(s), so a failed seed leaves nothing half-written per step; each
 * capability adds its step to SEED_STEPS.
 */
export type SeedOptions = {
  seed: number;
  /** Clinics (units) in the network. */
  clinics: number;
  /** Clients in the network. */
  clients: number;
  /** Adds the unlisted end-to-end manager (staff.seed.ts E2E_MANAGER); off unless DEMO_E2E_MANAGER. */
  e2eManager?: boolean;
};

export const DEFAULT_SEED_OPTIONS: SeedOptions = { seed: 20261125, clinics: 1, clients: 300 };

export type SeedState = {
  organizationId: string;
  clinicIds: string[];
  clinicTimeZones: string[];
  /** A physician of the demo team, who records seeded intakes and collects consents. */
  demoProfessionalId: string | null;
  /** Signed demo sessions (set by the sessions step; the photo step attaches photos to the first ones). */
  demoSessions?: { clientId: string; sessionId: string; appointmentId: string; startedAt: Date }[];
};

/** Clients whose first signed session gets synthetic before/after photos. */
const PHOTOGRAPHED_SESSIONS = 3;

export type SeedDeps = {
  clock: Clock;
  keyring: Keyring;
  /** Where demo photos go (the configured photo storage); without it the photo step is skipped. */
  photoStorage?: ObjectStorage;
  /**
   * Train the first no-show model during the seed (default). Boot passes false and trains right after
   * start-up instead: the fit holds the process for seconds and readiness should not wait for it.
   */
  trainNoShowModel?: boolean;
  onStep?: (name: string, summary: string) => void;
  onProgress?: (step: string, done: number, total: number) => void;
};

export type SeedStepContext = {
  database: Database;
  rng: Rng;
  deps: SeedDeps;
  options: SeedOptions;
  state: SeedState;
};

export type SeedStep = { name: string; run: (ctx: SeedStepContext) => Promise<string> };

const CLINIC_BRANDS = ['Essência', 'Bela Pele', 'Viva Derme', 'Lumière', 'Harmonia', 'Face & Corpo'] as const;
const CONDITIONS = [
  'Hipertensão controlada',
  'Hipotireoidismo',
  'Asma',
  'Rosácea',
  'Enxaqueca',
  'Diabetes tipo 2',
];
const ALLERGIES = ['Dipirona', 'Lidocaína', 'Látex', 'Penicilina', 'Frutos do mar'];
const PROCEDURES = [
  'Toxina botulínica (2024)',
  'Preenchimento labial (2023)',
  'Peeling químico (2025)',
  'Laser fracionado (2022)',
];

function demoIntake(rng: Rng, sex: 'F' | 'M'): TIntakeData {
  return {
    conditions: rng.chance(0.3) ? [rng.pick(CONDITIONS)] : [],
    allergies: rng.chance(0.2) ? [rng.pick(ALLERGIES)] : [],
    medications: rng.chance(0.08)
      ? [{ name: 'Isotretinoína 20 mg', kind: 'isotretinoina', since: '2026-06-01' }]
      : rng.chance(0.05)
        ? [{ name: 'Varfarina', kind: 'anticoagulante' }]
        : [],
    pregnant: sex === 'F' && rng.chance(0.02),
    breastfeeding: sex === 'F' && rng.chance(0.03),
    keloidTendency: rng.chance(0.05),
    autoimmuneDisease: rng.chance(0.04),
    previousProcedures: rng.chance(0.5) ? [rng.pick(PROCEDURES)] : [],
    fitzpatrick: rng.pick(['I', 'II', 'III', 'III', 'IV', 'IV', 'V', 'VI'] as const),
    goals: rng.pick([
      'Suavizar linhas de expressão',
      'Melhorar a textura da pele',
      'Tratar manchas',
      'Contorno facial',
      'Reduzir flacidez',
    ]),
  };
}

const clientsStep: SeedStep = {
  name: 'clients',
  run: async ({ database, rng, deps, options, state }) => {
    const batch = 1_000;
    let created = 0;
    while (created < options.clients) {
      const size = Math.min(batch, options.clients - created);
      const people = Array.from({ length: size }, () => {
        const person = generatePerson(rng, { today: deps.clock.now() });
        return {
          // Minors in the generator would need guardians; the demo keeps its clients adult.
          person: {
            ...person,
            birthDate: adultBirthDate(person.birthDate, deps.clock.now()),
          },
          intake: rng.chance(0.7) ? demoIntake(rng, person.sex) : null,
          marketingWhatsapp: rng.chance(0.4),
          imageClinical: rng.chance(0.6),
        };
      });
      created += await database.db.transaction((tx: Tx) =>
        seedDemoClients(tx, deps.keyring, {
          organizationId: state.organizationId,
          collectedBy: state.demoProfessionalId,
          now: deps.clock.now(),
          people,
        }),
      );
      deps.onProgress?.('clients', created, options.clients);
    }
    return `${created} clientes com anamnese e consentimentos`;
  },
};

/** Rooms, devices, working hours and a week of appointments around today in the first clinic. */
const agendaStep: SeedStep = {
  name: 'agenda',
  run: async ({ database, rng, deps, state }) => {
    const clinicId = state.clinicIds[0];
    if (!clinicId) return 'sem clínica';
    return database.db.transaction((tx: Tx) =>
      seedDemoAgenda(tx, rng, { organizationId: state.organizationId, clinicId, now: deps.clock.now() }),
    );
  },
};

/** Catalog, products, lots and traced uses by the first demo clients (issue 5). */
const inventoryStep: SeedStep = {
  name: 'inventory',
  run: ({ database, rng, deps, state }) =>
    database.db.transaction((tx: Tx) =>
      seedDemoInventory(tx, {
        organizationId: state.organizationId,
        clinicIds: state.clinicIds,
        clinicTimeZones: state.clinicTimeZones,
        now: deps.clock.now(),
        uses: 12,
        pick: (items) => rng.pick(items),
      }),
    ),
};

/** Synthetic before/after face photos (generated drawings, never real people) for a few clients. */
const photosStep: SeedStep = {
  name: 'photos',
  run: async ({ database, deps, state }) => {
    const clinicId = state.clinicIds[0];
    const { photoStorage } = deps;
    if (!photoStorage || !clinicId || !state.demoProfessionalId)
      return 'sem fotos (armazenamento não informado)';
    const createdBy = state.demoProfessionalId;
    const sessions = (state.demoSessions ?? []).slice(0, PHOTOGRAPHED_SESSIONS);
    const clientIds =
      sessions.length > 0
        ? sessions.map((x) => x.clientId)
        : await findFirstClientIds(database.db, state.organizationId, PHOTOGRAPHED_SESSIONS);
    const created = await database.db.transaction((tx: Tx) =>
      seedDemoPhotos(
        tx,
        { keyring: deps.keyring, photoStorage },
        {
          organizationId: state.organizationId,
          clinicId,
          clientIds,
          createdBy,
          now: deps.clock.now(),
          sessions,
        },
      ),
    );
    return `${created} fotos sintéticas de antes e depois (${clientIds.length} clientes)`;
  },
};

/** Signed treatment sessions (points, lots, stock drawn) and two appointments later today (issue 7). */
const sessionsStep: SeedStep = {
  name: 'sessions',
  run: async ({ database, deps, state }) => {
    const clinicId = state.clinicIds[0];
    const professionalId = state.demoProfessionalId;
    if (!clinicId || !professionalId) return 'sem clínica ou profissional: nenhum atendimento';
    const result = await database.db.transaction((tx: Tx) =>
      seedDemoSessions(tx, deps.keyring, {
        organizationId: state.organizationId,
        clinicId,
        timeZone: state.clinicTimeZones[0] ?? 'America/Sao_Paulo',
        professionalId,
        now: deps.clock.now(),
        sessions: 6,
        ...(deps.photoStorage
          ? { beforePhotos: { sessions: PHOTOGRAPHED_SESSIONS, perSession: DEMO_PHOTO_POSES.length } }
          : {}),
      }),
    );
    state.demoSessions = result.sessions;
    return `${result.signed} atendimentos assinados com pontos e lotes, ${result.upcoming} agendamentos para hoje`;
  },
};

/** Attendance history, a first no-show model trained on it and the open agenda scored (issue 8). */
const noShowStep: SeedStep = {
  name: 'noshow',
  run: async ({ database, rng, deps, state }) => {
    const clinicId = state.clinicIds[0];
    if (!clinicId) return 'sem clínica';
    return seedDemoNoShowHistory(database, rng, {
      organizationId: state.organizationId,
      clinicId,
      clock: deps.clock,
      train: deps.trainNoShowModel ?? true,
    });
  },
};

/** Reminders queued for the coming appointments and three weeks of delivered ones (issue 9). */
const messagingStep: SeedStep = {
  name: 'messaging',
  run: async ({ database, rng, deps, state }) => {
    const clinicId = state.clinicIds[0];
    if (!clinicId) return 'sem clínica';
    return database.db.transaction((tx: Tx) =>
      seedDemoMessaging(tx, deps.keyring, {
        organizationId: state.organizationId,
        clinicId,
        now: deps.clock.now(),
        chance: (p) => rng.chance(p),
      }),
    );
  },
};

export const SEED_STEPS: SeedStep[] = [
  clientsStep,
  inventoryStep,
  agendaStep,
  sessionsStep,
  photosStep,
  noShowStep,
  messagingStep,
];

export type SeedReport = {
  organizationId: string;
  clinicIds: string[];
  steps: { name: string; summary: string }[];
};

export async function seedDemo(
  database: Database,
  options: SeedOptions,
  deps: SeedDeps,
): Promise<SeedReport> {
  const rng = createRng(options.seed);
  const brand = rng.pick(CLINIC_BRANDS);
  const isFirstNetwork = await isDatabaseEmpty(database);
  const now = deps.clock.now();
  const state: SeedState = await database.db.transaction(async (tx) => {
    const organizationId = await insertOrganization(tx, `Rede ${brand} Estética`);
    const clinicIds: string[] = [];
    const clinicTimeZones: string[] = [];
    // The first clinic is in São Paulo; further units spread over real cities (all four zones).
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
    await seedDefaultCompetencePolicy(tx, organizationId, now);
    await seedDefaultConsentDocuments(tx, organizationId, now);
    // Several demo networks in one database (benchmarks) need distinct e-mails.
    const team = await seedDemoTeam(
      tx,
      organizationId,
      clinicIds,
      now,
      isFirstNetwork ? '' : String(options.seed),
      { e2eManager: options.e2eManager === true },
    );
    if (team.technicalDirectorUserId && clinicIds[0])
      await setTechnicalDirector(tx, clinicIds[0], team.technicalDirectorUserId);
    await recordAudit(tx, {
      organizationId,
      action: 'demo.seed',
      entityType: 'organization',
      entityId: organizationId,
      occurredAt: now,
    });
    return { organizationId, clinicIds, clinicTimeZones, demoProfessionalId: team.technicalDirectorUserId };
  });
  const steps: SeedReport['steps'] = [
    {
      name: 'organization',
      summary: `1 rede, ${state.clinicIds.length} clínica(s), equipe, política de competências e termos de consentimento`,
    },
  ];
  deps.onStep?.('organization', steps[0]?.summary ?? '');
  for (const step of SEED_STEPS) {
    const summary = await step.run({ database, rng, deps, options, state });
    steps.push({ name: step.name, summary });
    deps.onStep?.(step.name, summary);
  }
  return { organizationId: state.organizationId, clinicIds: state.clinicIds, steps };
}

/** True when the database holds no organisation yet (a fresh install). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  return (await countOrganizations(database.db)) === 0;
}
