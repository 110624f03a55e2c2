import { describe, expect, it } from 'vitest';
import { type Actor, allowedActions, decide, STEP_UP_WINDOW_MS } from './permissions';

const now = new Date('2026-11-25T12:00:00Z');
const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u',
  organizationId: 'o',
  sessionId: 's',
  clinicId: 'c',
  roles: ['recepcionista'],
  isMfaEnrolled: false,
  isMfaVerified: false,
  reauthenticatedAt: null,
  activeLicences: [],
  ...over,
});

describe('permission decisions', () => {
  it('denies a role that is not in the matrix row', () => {
    expect(decide('staff.manage', actor({ roles: ['recepcionista'] }), now)).toEqual({
      allowed: false,
      reason: 'role',
    });
  });

  it('lets a receptionist read clients without MFA or licence', () => {
    expect(decide('clients.read', actor({ roles: ['recepcionista'] }), now)).toEqual({ allowed: true });
  });

  it('requires MFA enrolment, then a verified session, from admins and licensed professionals', () => {
    expect(decide('clients.read', actor({ roles: ['medico'] }), now)).toEqual({
      allowed: false,
      reason: 'mfa_enrolment_required',
    });
    expect(decide('clients.read', actor({ roles: ['gestor'], isMfaEnrolled: true }), now)).toEqual({
      allowed: false,
      reason: 'mfa_required',
    });
  });

  it('blocks a physician from client data until the CRM licence is verified and active', () => {
    const doctor = actor({ roles: ['medico'], isMfaEnrolled: true, isMfaVerified: true });
    expect(decide('clients.read', doctor, now)).toEqual({ allowed: false, reason: 'licence' });
    expect(decide('clients.read', { ...doctor, activeLicences: ['COREN'] }, now)).toEqual({
      allowed: false,
      reason: 'licence',
    });
    expect(decide('clients.read', { ...doctor, activeLicences: ['CRM'] }, now)).toEqual({ allowed: true });
  });

  it('lets a physician who is also the manager act through the role that needs no licence', () => {
    const both = actor({ roles: ['medico', 'gestor'], isMfaEnrolled: true, isMfaVerified: true });
    expect(decide('clients.read', both, now)).toEqual({ allowed: true });
  });

  it('asks for recent re-authentication on sensitive actions', () => {
    const admin = actor({ roles: ['gestor'], isMfaEnrolled: true, isMfaVerified: true });
    expect(decide('staff.roles.manage', admin, now)).toEqual({ allowed: false, reason: 'step_up' });
    expect(
      decide('staff.roles.manage', { ...admin, reauthenticatedAt: new Date(now.getTime() - 60_000) }, now),
    ).toEqual({ allowed: true });
    expect(
      decide(
        'staff.roles.manage',
        { ...admin, reauthenticatedAt: new Date(now.getTime() - STEP_UP_WINDOW_MS - 1) },
        now,
      ),
    ).toEqual({ allowed: false, reason: 'step_up' });
  });
});

describe('allowed actions (what the web may offer)', () => {
  it('lists what the role may do now, and an action behind a step-up as allowed', () => {
    const reception = allowedActions(actor({ roles: ['recepcionista'] }), now);
    expect(reception).toContain('agenda.read');
    expect(reception).toContain('agenda.noshow.read');
    expect(reception).not.toContain('privacy.requests.manage');
    const manager = allowedActions(
      actor({ roles: ['gestor'], isMfaEnrolled: true, isMfaVerified: true }),
      now,
    );
    expect(manager).toContain('staff.manage');
    expect(manager).toContain('policy.manage'); // behind a step-up the manager has not done yet
  });

  it('leaves out what waits for a verified licence, and everything before MFA', () => {
    const verified = { isMfaEnrolled: true, isMfaVerified: true };
    expect(allowedActions(actor({ roles: ['medico'], ...verified }), now)).not.toContain('agenda.read');
    expect(allowedActions(actor({ roles: ['medico'], ...verified, activeLicences: ['CRM'] }), now)).toContain(
      'agenda.read',
    );
    expect(allowedActions(actor({ roles: ['gestor'], isMfaEnrolled: true }), now)).toEqual([]);
  });
});
