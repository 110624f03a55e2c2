import { describe, expect, it } from 'vitest';
import { sigmoid } from './calibration';
import { encodeTree } from './encoding';
import { describeFactor, explainScore, featureContributions } from './explain';
import { buildFeatures, type FeatureRow } from './features';
import { gbtMargin } from './gbt';
import { type AppointmentHistoryRecord, predictionInstant } from './history';
import { trainNoShowModel } from './model';

const TZ = 'America/Sao_Paulo';
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-03-02T12:00:00Z');

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Lead time drives the no-shows; everything else is noise. */
function history(n: number, seed: number): AppointmentHistoryRecord[] {
  const r = rng(seed);
  const out: AppointmentHistoryRecord[] = [];
  for (let i = 0; i < n; i++) {
    const start = T0 + Math.floor(i / 25) * D + (8 + (i % 10)) * H;
    const lead = Math.floor(r() * 60);
    const noShow = r() < sigmoid(-2.5 + 0.06 * lead);
    out.push({
      appointmentId: `a${i}`,
      clientId: `c${Math.floor(r() * 1500)}`,
      clinicId: 'u1',
      bookedAt: new Date(start - lead * D - H),
      startsAt: new Date(start),
      hasTimeOfDay: true,
      status: noShow ? 'no_show' : 'attended',
      outcomeAt: new Date(start + H),
      treatmentCategory: 'facial',
      priceCents: 30_000,
      channel: 'whatsapp',
      confirmationRequestedAt: null,
      confirmedAt: null,
      reminderSentAt: null,
      clientBirthDate: '1990-01-01',
    });
  }
  return out;
}

function rowOf(list: AppointmentHistoryRecord[], record: AppointmentHistoryRecord): FeatureRow {
  return buildFeatures(list, [{ record, at: predictionInstant(record) }], TZ)[0] as FeatureRow;
}

describe('score explanations', () => {
  const train = history(4000, 3);
  const far: AppointmentHistoryRecord = {
    ...(train[0] as AppointmentHistoryRecord),
    appointmentId: 'far',
    clientId: 'new-client',
    startsAt: new Date(T0 + 200 * D),
    bookedAt: new Date(T0 + 155 * D),
    status: 'scheduled',
    outcomeAt: null,
  };
  const sameDay: AppointmentHistoryRecord = {
    ...far,
    appointmentId: 'same-day',
    bookedAt: new Date(T0 + 200 * D - 3 * H),
  };

  // Small, fast fits: the explanations are under test here, not the learners.
  const trainSmall = (method: 'gbt' | 'logistic') =>
    trainNoShowModel(train, {
      timeZone: TZ,
      method,
      calibration: 'platt',
      calibrationWindow: 'recent',
      gbt: { maxRounds: 120, maxDepth: 3, minSamplesLeaf: 100, learningRate: 0.1 },
    }).model;
  const models = { logistic: trainSmall('logistic'), gbt: trainSmall('gbt') };

  for (const method of ['logistic', 'gbt'] as const) {
    it(`${method}: a long lead time is the main reason for a high score, a same-day booking for a low one`, () => {
      const model = models[method];
      const [top] = explainScore(model, rowOf([...train, far], far));
      expect(top).toMatchObject({
        feature: 'leadDays',
        direction: 'raises',
        text: 'marcou com 45 dias de antecedência',
      });
      const [low] = explainScore(model, rowOf([...train, sameDay], sameDay));
      expect(low).toMatchObject({
        feature: 'leadDays',
        direction: 'lowers',
        text: 'marcou para o mesmo dia',
      });
    });
  }

  it('gbt contributions add up to the margin (Saabas path attribution), scaled by the Platt slope', () => {
    const model = models.gbt;
    if (model.learner.kind !== 'gbt' || model.calibrator.kind !== 'platt')
      throw new Error('unexpected model');
    const row = rowOf([...train, far], far);
    const slope = model.calibrator.a;
    const sum = [...featureContributions(model, row).values()].reduce((s, c) => s + c, 0) / slope;
    const base = model.learner.trees.reduce((s, t) => s + (t[0]?.value ?? 0), model.learner.baseMargin);
    expect(base + sum).toBeCloseTo(gbtMargin(model.learner, encodeTree(row, model.vocabulary)), 9);
  });

  it('base rates (small clinics) explain by the lead-time band', () => {
    const { model } = trainNoShowModel(train.slice(0, 200), { timeZone: TZ });
    expect(model.learner.kind).toBe('base_rates');
    const [top] = explainScore(model, rowOf(train.slice(0, 200), sameDay));
    expect(top).toMatchObject({ feature: 'leadDays', direction: 'lowers' });
  });

  it('describes history in plain pt-BR', () => {
    const row = rowOf([far], far);
    expect(describeFactor('isFirstVisit', row)).toBe('primeira consulta');
    expect(describeFactor('recentNoShows', { ...row, recentNoShows: 2, recentOutcomes: 3 })).toBe(
      'faltou em 2 das últimas 3 consultas',
    );
    expect(describeFactor('recentNoShows', { ...row, recentNoShows: 0, recentOutcomes: 1 })).toBe(
      'compareceu à última consulta',
    );
    expect(describeFactor('leadDays', { ...row, leadDays: 1 })).toBe('marcou com 1 dia de antecedência');
    expect(describeFactor('priceCents', row)).toBe('valor de R$\u00a0300,00');
    expect(describeFactor('channel', row)).toBe('agendou pelo WhatsApp');
  });
});
