import type { Tx } from '../../db/client';
import type { OpeningHours } from '../../db/schema';
import * as errors from './scheduling.errors';
import { findClinicRow, findSettings, type SettingsRow } from './scheduling.queries';

/** The clinic a booking happens in: zone, opening hours and agenda settings (defaults without a row). */
export const DEFAULT_SETTINGS = {
  lateCancellationHours: 24,
  waitlistHoldMinutes: 30,
  slotStepMinutes: 15,
  intervalPolicy: 'treatment' as 'treatment' | 'warn' | 'block',
  closedOnNationalHolidays: true,
};
export type EffectiveSettings = typeof DEFAULT_SETTINGS;

export function effectiveSettings(row: SettingsRow | undefined): EffectiveSettings {
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    lateCancellationHours: row.lateCancellationHours,
    waitlistHoldMinutes: row.waitlistHoldMinutes,
    slotStepMinutes: row.slotStepMinutes,
    intervalPolicy: row.intervalPolicy as EffectiveSettings['intervalPolicy'],
    closedOnNationalHolidays: row.closedOnNationalHolidays,
  };
}

export type ClinicCtx = {
  organizationId: string;
  clinicId: string;
  timeZone: string;
  openingHours: OpeningHours;
  settings: EffectiveSettings;
};

export async function loadClinicCtx(tx: Tx, clinicId: string): Promise<ClinicCtx> {
  const clinic = await findClinicRow(tx, clinicId);
  if (!clinic) throw errors.clinicNotFound();
  return {
    organizationId: clinic.organizationId,
    clinicId,
    timeZone: clinic.timeZone,
    openingHours: clinic.openingHours,
    settings: effectiveSettings(await findSettings(tx, clinicId)),
  };
}
