import type { TFollowUpProposal } from '@clinia/contracts';
import { addDays, format } from 'date-fns';
import type { Tx } from '../../db/client';
import { zonedInstant } from '../../platform/clock';
import type { ServiceDeps } from '../../trpc/context';
import { findTreatmentRequirements } from '../catalog/catalog.service';
import type { ClinicCtx } from '../scheduling/scheduling.service';
import { searchSlotsInTx } from '../scheduling/slots.service';
import type { SessionRow } from './sessions.queries';

/** The usual review after botulinum toxin (days). */
export const TOXIN_REVIEW_DAYS = 15;

const plusDays = (date: string, days: number) =>
  format(addDays(new Date(`${date}T12:00:00`), days), 'yyyy-MM-dd');

/**
 * Follow-up proposals on closing: a 15-day review after toxin, and the next session of the course
 * after the treatment's minimum interval. Dates only here; `withFreeSlots` adds the agenda's free
 * slots on and after each date.
 */
export function followUpsFor(
  signedLocalDate: string,
  treatment: { competenceCategory: string; minIntervalDays: number; name: string },
): TFollowUpProposal[] {
  const out: TFollowUpProposal[] = [];
  if (treatment.competenceCategory === 'toxina_botulinica')
    out.push({
      kind: 'revisao',
      label: `Revisão de ${TOXIN_REVIEW_DAYS} dias`,
      date: plusDays(signedLocalDate, TOXIN_REVIEW_DAYS),
      slots: [],
    });
  if (treatment.minIntervalDays > 0)
    out.push({
      kind: 'proxima_sessao',
      label: `Próxima sessão de ${treatment.name}`,
      date: plusDays(signedLocalDate, treatment.minIntervalDays),
      slots: [],
    });
  return out;
}

/** Free slots offered per proposal, searched in this many days from the proposed date. */
const FOLLOW_UP_SLOTS = 4;
const FOLLOW_UP_HORIZON_DAYS = 14;

/**
 * The first free slots for each proposal from the scheduling availability search (same rules as
 * booking: working hours, rooms, devices, the client's own agenda, blocking intervals), on or after
 * the proposed local date and never in the past, with the session's professional (continuity of care:
 * the review is with the one who injected). Every read of a signed record runs this, whoever reads it
 * (no scheduling permission is needed to see free times), so it is kept to exactly one availability
 * search per proposal over a two-week horizon; when that professional has nothing free, the screen
 * sends the reception to the agenda instead of searching every professional here.
 */
export async function withFreeSlots(
  tx: Tx,
  deps: ServiceDeps,
  clinic: ClinicCtx,
  row: Pick<SessionRow, 'treatmentId' | 'clientId' | 'professionalId'>,
  proposals: TFollowUpProposal[],
): Promise<TFollowUpProposal[]> {
  if (proposals.length === 0) return proposals;
  const treatment = await findTreatmentRequirements(tx, row.treatmentId);
  if (!treatment?.isActive) return proposals;
  const now = deps.clock.now().getTime();
  const out: TFollowUpProposal[] = [];
  for (const proposal of proposals) {
    const fromMs = Math.max(now, zonedInstant(proposal.date, '00:00', clinic.timeZone).getTime());
    const slots = await searchSlotsInTx(tx, clinic, {
      treatmentId: row.treatmentId,
      professionalId: row.professionalId,
      clientId: row.clientId,
      fromMs,
      toMs: fromMs + FOLLOW_UP_HORIZON_DAYS * 86_400_000,
      limit: FOLLOW_UP_SLOTS,
      // The review is booked as one (agenda.book purpose `revisao`): the interval does not hold it.
      purpose: proposal.kind === 'revisao' ? 'revisao' : 'sessao',
    });
    out.push({
      ...proposal,
      slots: slots.map((s) => ({ startsAt: s.startsAt, professionalId: s.professionalId })),
    });
  }
  return out;
}
