import type { TIntakeData } from '@clinia/contracts';

export type TMedicationKind = TIntakeData['medications'][number]['kind'];
export type TMedicationRow = {
  key: number;
  name: string;
  kind: TMedicationKind;
  since: string;
  until: string;
};

export type TIntakeFormState = {
  conditions: string[];
  allergies: string[];
  medications: TMedicationRow[];
  pregnant: boolean;
  breastfeeding: boolean;
  keloidTendency: boolean;
  autoimmuneDisease: boolean;
  previousProcedures: string[];
  fitzpatrick: TIntakeData['fitzpatrick'] | null;
  goals: string;
};

let nextKey = 1;
export const newMedicationRow = (): TMedicationRow => ({
  key: nextKey++,
  name: '',
  kind: 'outro',
  since: '',
  until: '',
});

export function intakeFormOf(data: TIntakeData | undefined): TIntakeFormState {
  return {
    conditions: data?.conditions ?? [],
    allergies: data?.allergies ?? [],
    medications: (data?.medications ?? []).map((m) => ({
      key: nextKey++,
      name: m.name,
      kind: m.kind,
      since: m.since ?? '',
      until: m.until ?? '',
    })),
    pregnant: data?.pregnant ?? false,
    breastfeeding: data?.breastfeeding ?? false,
    keloidTendency: data?.keloidTendency ?? false,
    autoimmuneDisease: data?.autoimmuneDisease ?? false,
    previousProcedures: data?.previousProcedures ?? [],
    fitzpatrick: data?.fitzpatrick ?? null,
    goals: data?.goals ?? '',
  };
}

/** The contract payload; medication rows left completely blank are dropped. */
export function toIntakeInput(form: TIntakeFormState): Record<string, unknown> {
  return {
    conditions: form.conditions,
    allergies: form.allergies,
    medications: form.medications
      .filter((m) => m.name.trim() !== '' || m.since !== '' || m.until !== '')
      .map((m) => ({
        name: m.name,
        kind: m.kind,
        ...(m.since ? { since: m.since } : {}),
        ...(m.until ? { until: m.until } : {}),
      })),
    pregnant: form.pregnant,
    breastfeeding: form.breastfeeding,
    keloidTendency: form.keloidTendency,
    autoimmuneDisease: form.autoimmuneDisease,
    previousProcedures: form.previousProcedures,
    fitzpatrick: form.fitzpatrick ?? undefined,
    goals: form.goals,
  };
}

export type TIntakeAlert =
  | { kind: 'medication'; medicationKind: Exclude<TMedicationKind, 'outro'>; name: string }
  | { kind: 'flag'; flag: 'pregnant' | 'breastfeeding' | 'keloidTendency' | 'autoimmuneDisease' }
  | { kind: 'allergy'; name: string };

/** What a professional must see before any procedure: risk medications still in use, flags, allergies. */
export function intakeAlerts(data: TIntakeData, today: string): TIntakeAlert[] {
  const alerts: TIntakeAlert[] = [];
  for (const m of data.medications) {
    if (m.kind !== 'outro' && (!m.until || m.until >= today)) {
      alerts.push({ kind: 'medication', medicationKind: m.kind, name: m.name });
    }
  }
  for (const flag of ['pregnant', 'breastfeeding', 'keloidTendency', 'autoimmuneDisease'] as const) {
    if (data[flag]) alerts.push({ kind: 'flag', flag });
  }
  for (const allergy of data.allergies) alerts.push({ kind: 'allergy', name: allergy });
  return alerts;
}
