import type { TNoShowPanel, TRiskAction, TRiskActionItem } from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { zonedInstant } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { requestConfirmationNowInTx } from '../messaging/messaging.service';
import {
  lockRiskAction,
  type RiskActionRecord,
  riskActionsFor,
  riskPolicyInTx,
  settleRiskAction,
} from '../prediction/prediction.service';
import { localDateOf } from './clinic-time';
import { findUserName } from './risk.queries';
import * as errors from './scheduling.errors';
import { findAgenda, findAppointment, findClinicRow } from './scheduling.queries';
import { toAppointment } from './scheduling.service';
import { plusDays } from './views.service';

/**
 * The no-show panel (issue 8): a day's open appointments in the 'medio' and 'alto' bands, highest
 * score first, with the actions the clinic's policy planned for each; and the front desk's decision
 * on one action (do it, or dismiss it). Holdout actions are shown but cannot be done: they are how
 * the clinic learns whether the actions reduce no-shows.
 */

const item = (a: RiskActionRecord): TRiskActionItem => ({
  id: a.id,
  action: a.action,
  assignment: a.assignment,
  status: a.status,
  detail: a.detail,
});

export async function noShowPanel(
  deps: ServiceDeps,
  actor: Actor,
  input: { clinicId?: string | undefined; date?: string | undefined },
): Promise<TNoShowPanel> {
  if (input.clinicId && input.clinicId !== actor.clinicId) throw errors.otherClinic();
  const clinicId = actor.clinicId;
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinicRow(tx, clinicId);
    if (!clinic) throw errors.clinicNotFound();
    const date = input.date ?? plusDays(localDateOf(deps.clock.now(), clinic.timeZone), 1);
    const rows = await findAgenda(tx, {
      clinicId,
      from: zonedInstant(date, '00:00', clinic.timeZone),
      to: zonedInstant(plusDays(date, 1), '00:00', clinic.timeZone),
      includeFreed: false,
    });
    const risky = rows
      .map(toAppointment)
      .filter((a) => a.risk !== null && a.risk.band !== 'baixo')
      .sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0));
    const policy = await riskPolicyInTx(tx, actor.organizationId);
    const actions = await riskActionsFor(
      tx,
      actor.organizationId,
      risky.map((a) => a.id),
    );
    return {
      date,
      clinicId,
      timeZone: clinic.timeZone,
      items: risky.map((appointment) => {
        const band = appointment.risk?.band ?? 'baixo';
        const current = new Set<TRiskAction>(policy.actions[band]);
        // Actions planned under an earlier band that the current one no longer calls for drop out,
        // unless someone already acted on them.
        const own = actions.filter(
          (a) =>
            a.appointmentId === appointment.id &&
            (current.has(a.action) || a.status === 'done' || a.status === 'dismissed'),
        );
        return { appointment, actions: own.map(item) };
      }),
    };
  });
}

function stamp(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')} às ${get('hour')}:${get('minute')}`;
}

const RECORDED: Record<Exclude<TRiskAction, 'confirmation_request'>, string> = {
  deposit_intent: 'Pedido de sinal registrado como intenção',
  waitlist_suggestion: 'Sugestão de lista de espera registrada',
  overbooking_suggestion: 'Encaixe controlado registrado',
};

/**
 * Does or dismisses one planned action. 'do' on a confirmation request queues it now through
 * messaging on a channel the client consented to (none allowed: the action stays planned and the
 * user is told); 'do' on the others records the intent. Audited.
 */
export async function noShowAct(
  deps: ServiceDeps,
  actor: Actor,
  input: { actionId: string; decision: 'do' | 'dismiss' },
): Promise<TRiskActionItem> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const action = await lockRiskAction(tx, actor.organizationId, input.actionId);
    const appointment = action ? await findAppointment(tx, action.appointmentId) : undefined;
    if (!action || !appointment || appointment.clinicId !== actor.clinicId) throw errors.riskActionNotFound();
    if (action.status === 'withheld') throw errors.riskActionWithheld();
    if (action.status !== 'planned') throw errors.riskActionSettled();
    if (
      !['agendado', 'confirmado'].includes(appointment.status) ||
      appointment.startsAt.getTime() <= now.getTime()
    )
      throw errors.appointmentNotOpen();
    const clinic = await findClinicRow(tx, appointment.clinicId);
    const who = (await findUserName(tx, actor.userId)) ?? 'equipe';
    const when = stamp(now, clinic?.timeZone ?? 'America/Sao_Paulo');
    let detail: string;
    if (input.decision === 'dismiss') detail = `Dispensada por ${who} em ${when}`;
    else if (action.action === 'confirmation_request') {
      const sent = await requestConfirmationNowInTx(
        tx,
        {
          organizationId: appointment.organizationId,
          clinicId: appointment.clinicId,
          clientId: appointment.clientId,
          appointmentId: appointment.id,
          startsAt: appointment.startsAt,
          requestKey: action.id,
        },
        { keyring: deps.keyring, now },
      );
      if (!sent.ok) throw errors.noConfirmationConsent();
      const channel = sent.channel === 'whatsapp' ? 'WhatsApp' : 'e-mail';
      detail = `Pedido de confirmação colocado na fila do ${channel} por ${who} em ${when}`;
    } else detail = `${RECORDED[action.action]} por ${who} em ${when}`;
    const settled = await settleRiskAction(
      tx,
      actor.organizationId,
      { id: action.id },
      { status: input.decision === 'do' ? 'done' : 'dismissed', detail, by: actor.userId, at: now },
    );
    if (!settled) throw errors.riskActionSettled();
    await recordActorAudit(tx, deps, actor, {
      action: input.decision === 'do' ? 'noshow.action.do' : 'noshow.action.dismiss',
      entityType: 'risk_action',
      entityId: action.id,
      changedFields: ['status', 'detail'],
      occurredAt: now,
    });
    return item(settled);
  });
}
