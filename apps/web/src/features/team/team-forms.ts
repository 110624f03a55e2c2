import {
  COUNCILS,
  LICENSED_ROLE_COUNCIL,
  STAFF_ROLES,
  type TCouncil,
  type TLicenceInput,
  type TStaffRole,
} from '@clinia/contracts';

/** One editable (clínica, função) row; empty until both are chosen. */
export type TAssignmentRow = { key: string; clinicId: string | null; role: TStaffRole | null };

export type TAssignment = { clinicId: string; role: TStaffRole };

let rowCounter = 0;

export function newAssignmentRow(
  clinicId: string | null = null,
  role: TStaffRole | null = null,
): TAssignmentRow {
  rowCounter += 1;
  return { key: `row-${rowCounter}`, clinicId, role };
}

/** The complete rows, without repeats, in the shape the server takes. */
export function toAssignments(rows: readonly TAssignmentRow[]): TAssignment[] {
  const seen = new Set<string>();
  const result: TAssignment[] = [];
  for (const row of rows) {
    if (!row.clinicId || !row.role) {
      continue;
    }
    const key = `${row.clinicId}:${row.role}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push({ clinicId: row.clinicId, role: row.role });
    }
  }
  return result;
}

/** The councils the chosen roles practise under, in role order (médico → CRM first). */
export function councilsForRoles(roles: readonly (TStaffRole | null)[]): TCouncil[] {
  const councils: TCouncil[] = [];
  for (const role of STAFF_ROLES) {
    const council = LICENSED_ROLE_COUNCIL[role];
    if (council && roles.includes(role) && !councils.includes(council)) {
      councils.push(council);
    }
  }
  return councils;
}

/** Licence fields as typed in a form. */
export type TLicenceFields = {
  council: TCouncil | null;
  number: string;
  uf: string | null;
  specialties: string[];
  rqe: string[];
};

export const emptyLicenceFields: TLicenceFields = {
  council: null,
  number: '',
  uf: null,
  specialties: [],
  rqe: [],
};

/** The council the form should use: the current one while it still fits the roles, else the first that does. */
export function pickCouncil(current: TCouncil | null, available: readonly TCouncil[]): TCouncil | null {
  if (current && available.includes(current)) {
    return current;
  }
  return available[0] ?? null;
}

/** The licence input for the server; RQE exists only for physicians (CRM). */
export function toLicenceInput(fields: TLicenceFields): TLicenceInput | null {
  if (!fields.council || !fields.uf) {
    return null;
  }
  return {
    council: fields.council,
    number: fields.number.trim(),
    uf: fields.uf as TLicenceInput['uf'],
    specialties: fields.specialties.map((s) => s.trim()).filter((s) => s.length > 0),
    rqe: fields.council === 'CRM' ? fields.rqe.map((r) => r.trim()).filter((r) => r.length > 0) : [],
  };
}

export function isCouncil(value: string): value is TCouncil {
  return (COUNCILS as readonly string[]).includes(value);
}
