import type { Database } from '../../db/client';
import { withSystem } from '../../platform/tenancy/tenancy';
import { countBookedTreatments } from './scheduling.queries';

/**
 * The agenda's answer to inventory's `BookedAgendaSource` port: how many sessions of each treatment are
 * still expected (reserved, booked, confirmed, arrived, in progress) in a clinic over a period. Inventory
 * multiplies the counts by each treatment's bill of materials to forecast consumption against stock.
 *
 * Runs in its own transaction (the port is called outside any). It reads by clinic id as the owner
 * role: the alerts service that calls it has already checked that the actor may see that clinic, and
 * only treatment ids and counts leave.
 */
export function bookedAgendaSourceFor(database: Database) {
  return {
    bookedTreatments: (clinicId: string, fromMs: number, toMs: number) =>
      withSystem(database, (tx) => countBookedTreatments(tx, clinicId, new Date(fromMs), new Date(toMs))),
  };
}
