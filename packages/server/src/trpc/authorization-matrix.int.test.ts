import { STAFF_ROLES, type TStaffRole } from '@clinia/contracts';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, PERMISSIONS } from '../platform/authz/permissions';
import { fixedClock } from '../platform/clock';
import {
  createTestOrganization,
  createTestSession,
  createTestUser,
  type TestDatabase,
  type TestOrg,
  testContext,
  testDrivers,
} from '../testing';
import { signedInContext } from '../testing/context';
import { appRouter, createCaller } from './app-router';
import type { ProcedureMeta } from './init';

/**
 * Walks every tRPC procedure × every role. Each role's user has everything conditions may ask for
 * (MFA verified, active licence, recent re-authentication), so the outcome depends on the matrix row
 * alone. Procedures are called with empty input: allowed roles get past authorisation (and then fail
 * validation or succeed), denied roles get FORBIDDEN before any input is read.
 */
type ProcedureDef = {
  _def: { meta?: ProcedureMeta; inputs: unknown[]; type: 'query' | 'mutation' | 'subscription' };
};
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

/**
 * The reviewed table: every procedure and the access it must have. Written independently of the
 * routers on purpose, so wiring a procedure to the wrong action fails here; a new procedure without
 * a row fails too. Roles per action come from the permission matrix.
 */
const EXPECTED: Record<string, 'public' | 'signed-in' | 'signed-in-before-mfa' | Action> = {
  'system.info': 'public',
  'auth.signIn': 'public',
  'auth.me': 'signed-in-before-mfa',
  'auth.verifyMfa': 'signed-in-before-mfa',
  'auth.beginMfaEnrolment': 'signed-in-before-mfa',
  'auth.confirmMfaEnrolment': 'signed-in-before-mfa',
  'auth.changePassword': 'signed-in-before-mfa',
  'auth.signOut': 'signed-in-before-mfa',
  'auth.reauthenticate': 'signed-in',
  'auth.mySessions': 'signed-in',
  'auth.revokeMySession': 'signed-in',
  'auth.revokeUserSessions': 'sessions.revoke_any',
  'staff.list': 'staff.read',
  'staff.invite': 'staff.manage',
  'staff.invitation': 'public',
  'staff.acceptInvitation': 'public',
  'staff.updateRoles': 'staff.roles.manage',
  'staff.deactivate': 'staff.manage',
  'staff.saveLicence': 'staff.manage',
  'staff.verifyLicence': 'staff.licence.verify',
  'staff.verifyLicenceManually': 'staff.licence.verify',
  'compliance.trail': 'audit.read',
  'compliance.verify': 'audit.read',
  'compliance.incidents': 'incidents.read',
  'compliance.incident': 'incidents.read',
  'compliance.recordIncident': 'incidents.manage',
  'compliance.recordCommunication': 'incidents.manage',
  'compliance.closeIncident': 'incidents.manage',
  'organizations.clinicSettings': 'clinic.read',
  'organizations.updateClinicSettings': 'clinic.manage',
  'organizations.competencePolicy': 'policy.read',
  'organizations.saveCompetencePolicy': 'policy.manage',
  'clients.search': 'clients.read',
  'clients.get': 'clients.read',
  'clients.register': 'clients.write',
  'clients.update': 'clients.write',
  'clients.reveal': 'clients.reveal',
  'clients.intakeHistory': 'clients.intake.read',
  'clients.saveIntake': 'clients.intake.write',
  'clients.consentDocuments': 'clients.read',
  'clients.consents': 'clients.read',
  'clients.changeConsent': 'clients.consent.manage',
  'clients.accessReport': 'clients.access_report',
  'privacy.createRequest': 'privacy.requests.create',
  'privacy.requests': 'privacy.requests.manage',
  'privacy.answerRequest': 'privacy.requests.manage',
  'privacy.startReview': 'privacy.requests.manage',
  'privacy.exportClientData': 'privacy.export',
  'catalog.list': 'catalog.read',
  'catalog.get': 'catalog.read',
  'catalog.create': 'catalog.manage',
  'catalog.update': 'catalog.manage',
  'catalog.checkContraindications': 'clients.intake.read',
  'inventory.products': 'inventory.read',
  'inventory.registryState': 'inventory.read',
  'inventory.createProduct': 'inventory.products.manage',
  'inventory.updateProduct': 'inventory.products.manage',
  'agenda.resources': 'agenda.read',
  'agenda.saveRoom': 'agenda.resources.manage',
  'agenda.saveEquipment': 'agenda.resources.manage',
  'agenda.setWorkingHours': 'agenda.resources.manage',
  'agenda.addAbsence': 'agenda.resources.manage',
  'agenda.removeAbsence': 'agenda.resources.manage',
  'agenda.addClosure': 'agenda.resources.manage',
  'agenda.removeClosure': 'agenda.resources.manage',
  'agenda.updateSettings': 'agenda.resources.manage',
  'agenda.get': 'agenda.read',
  'agenda.day': 'agenda.read',
  'agenda.week': 'agenda.read',
  'agenda.availability': 'agenda.read',
  'agenda.book': 'agenda.book',
  'agenda.move': 'agenda.book',
  'agenda.cancel': 'agenda.book',
  'agenda.transition': 'agenda.status',
  'agenda.bookSeries': 'agenda.book',
  'agenda.cancelSeries': 'agenda.book',
  'agenda.series': 'agenda.read',
  'agenda.waitlist': 'agenda.read',
  'agenda.waitlistAdd': 'agenda.waitlist.manage',
  'agenda.waitlistRemove': 'agenda.waitlist.manage',
  'agenda.acceptOffer': 'agenda.waitlist.manage',
  'agenda.declineOffer': 'agenda.waitlist.manage',
  'agenda.icsLink': 'agenda.read',
  'scheduling.noShowPanel': 'agenda.noshow.read',
  'scheduling.noShowAct': 'agenda.book',
  'inventory.clinics': 'inventory.read',
  'inventory.lots': 'inventory.read',
  'inventory.lotMovements': 'inventory.read',
  'inventory.balances': 'inventory.read',
  'inventory.suggestLots': 'inventory.read',
  'inventory.receiveLot': 'inventory.stock.receive',
  'inventory.recordMovement': 'inventory.stock.adjust',
  'inventory.transfer': 'inventory.stock.adjust',
  'inventory.quarantineLot': 'inventory.lots.quarantine',
  'inventory.recallLot': 'inventory.lots.release',
  'inventory.releaseLot': 'inventory.lots.release',
  'inventory.traceability': 'inventory.traceability',
  'inventory.exportTraceability': 'inventory.traceability',
  'inventory.alerts': 'inventory.read',
  'realtime.agenda': 'agenda.live',
  'photos.list': 'photos.read',
  'photos.image': 'photos.read',
  'photos.upload': 'photos.upload',
  'photos.delete': 'photos.delete',
  'photos.setPublicity': 'photos.publicity.manage',
  'photos.publicityList': 'photos.publicity.read',
  'photos.publicityImage': 'photos.publicity.read',
  'inventory.adverseEvents': 'inventory.adverse_events.read',
  'inventory.adverseEvent': 'inventory.adverse_events.read',
  'inventory.adverseEventReport': 'inventory.adverse_events.read',
  'inventory.recordAdverseEvent': 'inventory.adverse_events.write',
  'inventory.followUpAdverseEvent': 'inventory.adverse_events.write',
  'inventory.markAdverseEventNotified': 'inventory.adverse_events.notify',
  'messaging.clientTimeline': 'messaging.read',
  'messaging.appointmentTimeline': 'messaging.read',
  'messaging.templates': 'messaging.read',
  'messaging.saveTemplate': 'messaging.templates.manage',
  'messaging.dashboard': 'messaging.dashboard',
  'messaging.outbox': 'messaging.outbox.manage',
  'messaging.retry': 'messaging.outbox.manage',
  'messaging.reminderPlan': 'messaging.read',
  'messaging.saveReminderPlan': 'messaging.plan.manage',
  'prediction.modelVersions': 'prediction.read',
  'prediction.trainingRuns': 'prediction.read',
  'prediction.startTraining': 'prediction.manage',
  'prediction.policy': 'prediction.read',
  'prediction.savePolicy': 'prediction.manage',
  'prediction.comparison': 'prediction.read',
  'sessions.get': 'sessions.record.read',
  'sessions.byAppointment': 'sessions.record.read',
  'sessions.start': 'sessions.record.write',
  'sessions.confirmChecklist': 'sessions.record.write',
  'sessions.saveDraft': 'sessions.record.write',
  'sessions.sign': 'sessions.record.sign',
  'sessions.addAddendum': 'sessions.record.sign',
  'sessions.timeline': 'sessions.timeline.read',
};

describe('procedure registry', () => {
  it('every procedure has a row in the reviewed table, and its declared access matches it', () => {
    for (const [path, procedure] of procedures) {
      const meta = procedure._def.meta;
      const declared =
        meta?.access === 'action'
          ? meta.action
          : meta?.access === 'signed-in'
            ? meta.beforeMfa
              ? 'signed-in-before-mfa'
              : 'signed-in'
            : meta?.access;
      expect({ path, access: declared }).toEqual({ path, access: EXPECTED[path] ?? '(no row in EXPECTED)' });
    }
    expect(Object.keys(EXPECTED).sort()).toEqual(procedures.map(([path]) => path).sort());
  });

  it('keeps the sensitive rows of the matrix as reviewed', () => {
    expect(PERMISSIONS['staff.manage'].roles).toEqual(['gestor']);
    expect(PERMISSIONS['staff.roles.manage'].roles).toEqual(['gestor']);
    expect(PERMISSIONS['policy.manage'].roles).toEqual(['gestor']);
    expect(PERMISSIONS['audit.read'].roles).toEqual(['gestor', 'encarregado_dados']);
    // Health data is for those who treat: never the front desk or the manager as such.
    expect(PERMISSIONS['clients.intake.read'].roles).not.toContain('recepcionista');
    expect(PERMISSIONS['clients.intake.read'].roles).not.toContain('gestor');
    expect(PERMISSIONS['clients.reveal'].roles).not.toContain('esteticista');
    // Contraindications and materials are clinical content: a licensed physician or the manager.
    expect(PERMISSIONS['catalog.manage'].roles).toEqual(['gestor', 'medico']);
    // The front desk books; resources and agenda rules are the manager's.
    expect(PERMISSIONS['agenda.book'].roles).toEqual(['gestor', 'recepcionista']);
    expect(PERMISSIONS['agenda.resources.manage'].roles).toEqual(['gestor']);
    // Clinical photos follow the health intake: never the front desk, the manager or the DPO.
    expect(PERMISSIONS['photos.read'].roles).toEqual(PERMISSIONS['clients.intake.read'].roles);
    expect(PERMISSIONS['photos.read'].roles).not.toContain('recepcionista');
    expect(PERMISSIONS['photos.read'].roles).not.toContain('gestor');
    // Requeueing a dead message re-contacts a client: managers only.
    expect(PERMISSIONS['messaging.outbox.manage'].roles).toEqual(['gestor']);
  });
});

describe.each(testDrivers())('authorisation matrix on $name', (driver) => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  let database: TestDatabase;
  let org: TestOrg;
  const tokens = new Map<TStaffRole, string>();
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    for (const role of STAFF_ROLES) {
      const user = await createTestUser(database, org, {
        roles: [role],
        clinicId: org.clinicId,
        withActiveLicence: true,
        mfaEnrolled: true,
      });
      const session = await createTestSession(database, org, user, {
        now,
        mfaVerified: true,
        reauthenticated: true,
      });
      tokens.set(role, session.token);
    }
  });
  afterAll(() => database.close());

  const actionProcedures = procedures.filter(([, p]) => p._def.meta?.access === 'action');

  it.each(actionProcedures.map(([path]) => path))(
    '%s allows exactly the roles of its matrix row',
    async (path) => {
      const expected = EXPECTED[path];
      if (!expected || !(expected in PERMISSIONS)) throw new Error(`${path} has no action row in EXPECTED`);
      const allowedRoles: readonly string[] = PERMISSIONS[expected as Action].roles;
      for (const role of STAFF_ROLES) {
        const ctx = await signedInContext(testContext(database, { clock: fixedClock(now) }), {
          token: tokens.get(role) ?? null,
        });
        const caller = createCaller(ctx) as unknown as Record<
          string,
          Record<string, (input?: unknown) => Promise<unknown>>
        >;
        const [namespace, name] = path.split('.') as [string, string];
        const outcome = await caller[namespace]?.[name]?.({}).then(
          () => 'ok',
          (error: unknown) => (error instanceof TRPCError ? error.code : 'other'),
        );
        const wasDenied = outcome === 'FORBIDDEN';
        expect({ path, role, denied: wasDenied }).toEqual({
          path,
          role,
          denied: !allowedRoles.includes(role),
        });
      }
    },
  );

  it('signed-in procedures refuse a caller without a session', async () => {
    const caller = createCaller(testContext(database)) as unknown as Record<
      string,
      Record<string, (input?: unknown) => Promise<unknown>>
    >;
    for (const [path, procedure] of procedures) {
      if (procedure._def.meta?.access === 'public') continue;
      const [namespace, name] = path.split('.') as [string, string];
      const error = await caller[namespace]?.[name]?.({}).catch((e: unknown) => e);
      expect({ path, code: (error as TRPCError).code }).toEqual({ path, code: 'UNAUTHORIZED' });
    }
  });
});
