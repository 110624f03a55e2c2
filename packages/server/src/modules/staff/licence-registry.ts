/**
 * Port to professional councils' registries. A LicenceRegistry answers "is this registration active?"
 * for the councils it supports. Adapters: the CFM SOAP web service (physicians, CRM). Councils without
 * an API are verified manually (proof, verifier, date), recorded by the staff service, not here.
 * See shared/docs/REGULATION.md section 3.1.
 */

import type { TCouncil } from '@clinia/contracts';

export type Council = TCouncil;

export type LicenceQuery = { council: Council; number: string; uf: string };

export type LicenceCheckResult =
  | {
      outcome: 'found';
      /** Only an active ("regular") registration allows clinical acts. */
      isActive: boolean;
      /** The council's own status code (CFM `situacao`, e.g. "A"). */
      situation: string;
      /** pt-BR label of the status ("Regular", "Suspenso", "Cassado"…). */
      situationLabel: string;
      /** CFM `tipoInscricao` label ("Principal", "Secundária"…), when given. */
      registrationType: string | null;
      specialties: string[];
      /** When the council last updated the record (ISO date), when given. */
      councilUpdatedAt: string | null;
      /** The raw response, stored as evidence. */
      raw: string;
    }
  | { outcome: 'not_found'; raw: string }
  | {
      outcome: 'error';
      /** pt-BR reason for staff. */
      reason: string;
      raw: string | null;
    };

export type LicenceRegistry = {
  /** Short id stored with each check, e.g. `cfm_ws`. */
  source: string;
  supports: (council: Council) => boolean;
  check: (query: LicenceQuery) => Promise<LicenceCheckResult>;
};
