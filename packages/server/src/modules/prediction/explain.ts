import { encodeLinear, encodeTree, type FeatureName, TREE_COLUMNS } from './encoding';
import { leadTimeBand } from './fallback';
import type { FeatureRow } from './features';
import { gbtContributions } from './gbt';
import { logisticTerms } from './logistic';
import type { NoShowModel } from './model';

/**
 * Why a score is high or low: per-feature contributions to the model's logit, turned into pt-BR
 * sentences a receptionist understands.
 *
 * - GBT: path attribution (Saabas): along each tree's path the change of node value at a split is
 *   credited to the split's feature; contributions plus the trees' root values add up to the margin.
 * - Logistic: coefficient × standardised value (the model's own terms), summed over the basis columns
 *   that come from the same feature (e.g. the lead-time bands and log lead time).
 * - Base rates: the lead-time band against the average band rate.
 *
 * Contributions are in the learner's logit units; Platt scaling multiplies every logit by the same
 * slope, so they are scaled by it (isotonic keeps the ranking; contributions stay as they are).
 */

export type RiskFactor = {
  feature: FeatureName;
  /** Contribution to the log-odds of a no-show (positive raises the risk). */
  contribution: number;
  direction: 'raises' | 'lowers';
  /** pt-BR sentence, e.g. "marcou com 45 dias de antecedência". Never personal data. */
  text: string;
};

/** Which source feature each linear basis column comes from. */
function linearSource(column: string): FeatureName {
  const name = column.split('=')[0] as string;
  const map: Record<string, FeatureName> = {
    log1pLead: 'leadDays',
    leadBand: 'leadDays',
    weekday: 'weekday',
    hourUnknown: 'hour',
    hourBand: 'hour',
    bookingHourBand: 'bookingHour',
    log1pPriorAttended: 'priorAttended',
    log1pPriorNoShows: 'priorNoShows',
    anyPriorNoShow: 'priorNoShows',
    log1pPriorLateCancellations: 'priorLateCancellations',
    recentNoShowShare: 'recentNoShows',
    noHistory: 'recentNoShows',
    daysSinceLastVisitUnknown: 'daysSinceLastVisit',
    log1pDaysSinceLastVisit: 'daysSinceLastVisit',
    ageUnknown: 'age',
    ageBand: 'age',
    isFirstVisit: 'isFirstVisit',
    category: 'treatmentCategory',
    priceUnknown: 'priceCents',
    log1pPrice: 'priceCents',
    channel: 'channel',
    reminderSent: 'reminderSent',
    confirmationRequested: 'confirmationRequested',
    confirmed: 'confirmed',
    log1pPendingBookings: 'pendingBookings',
    sameDayBookings: 'sameDayBookings',
    clinicRateLogit: 'clinicNoShowRate',
    logClinicLift: 'clinicLift',
    log1pPriorBookings: 'priorBookings',
    anyPriorCancellation: 'priorCancellations',
    sameBookingDayBookings: 'sameBookingDayBookings',
    previousBookingUnknown: 'daysSincePreviousBooking',
    log1pDaysSincePreviousBooking: 'daysSincePreviousBooking',
  };
  const source = map[name];
  if (!source) throw new RangeError(`basis column without a source feature: ${column}`);
  return source;
}

/** Contribution of every feature to the (uncalibrated) logit of `row`. */
export function featureContributions(model: NoShowModel, row: FeatureRow): Map<FeatureName, number> {
  const out = new Map<FeatureName, number>();
  const add = (f: FeatureName, c: number): void => {
    out.set(f, (out.get(f) ?? 0) + c);
  };
  const { learner, vocabulary } = model;
  if (learner.kind === 'gbt') {
    const contributions = gbtContributions(learner, encodeTree(row, vocabulary));
    TREE_COLUMNS.forEach((f, j) => {
      add(f, contributions[j] as number);
    });
  } else if (learner.kind === 'logistic') {
    const names: string[] = [];
    const x = encodeLinear(row, vocabulary, names);
    logisticTerms(learner, x).forEach((c, j) => {
      add(linearSource(names[j] as string), c);
    });
  } else {
    const rates = Object.values(learner.rates);
    const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
    const logit = (p: number) => Math.log(p / (1 - p));
    add('leadDays', logit(learner.rates[leadTimeBand(row.leadDays)]) - logit(mean));
  }
  const slope = model.calibrator.kind === 'platt' ? model.calibrator.a : 1;
  if (slope !== 1) for (const [f, c] of out) out.set(f, c * slope);
  return out;
}

const WEEKDAYS = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
];
const CHANNELS: Record<string, string> = {
  reception: 'na recepção',
  phone: 'por telefone',
  whatsapp: 'pelo WhatsApp',
  online: 'pelo agendamento on-line',
  walk_in: 'sem hora marcada (encaixe)',
  other: 'por outro canal',
};
const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The pt-BR sentence describing the value of one feature. */
export function describeFactor(feature: FeatureName, r: FeatureRow): string {
  switch (feature) {
    case 'leadDays':
      return r.leadDays === 0
        ? 'marcou para o mesmo dia'
        : `marcou com ${plural(r.leadDays, 'dia', 'dias')} de antecedência`;
    case 'weekday':
      return `consulta ${r.weekday === 0 || r.weekday === 6 ? 'no' : 'na'} ${WEEKDAYS[r.weekday]}`;
    case 'hour':
      return r.hour === null ? 'horário da consulta não informado' : `consulta às ${r.hour}h`;
    case 'bookingHour':
      return `agendamento feito às ${r.bookingHour}h`;
    case 'priorAttended':
      return r.priorAttended === 0
        ? 'nenhuma consulta anterior com comparecimento'
        : `compareceu a ${plural(r.priorAttended, 'consulta anterior', 'consultas anteriores')}`;
    case 'priorNoShows':
      return r.priorNoShows === 0
        ? 'nenhuma falta anterior'
        : `faltou em ${plural(r.priorNoShows, 'consulta anterior', 'consultas anteriores')}`;
    case 'priorLateCancellations':
      return r.priorLateCancellations === 0
        ? 'nenhum cancelamento em cima da hora'
        : `cancelou em cima da hora ${plural(r.priorLateCancellations, 'vez', 'vezes')}`;
    case 'recentNoShows':
      if (r.recentOutcomes === 0) return 'sem histórico de comparecimento';
      if (r.recentNoShows === 0)
        return r.recentOutcomes === 1
          ? 'compareceu à última consulta'
          : `compareceu às últimas ${r.recentOutcomes} consultas`;
      return r.recentOutcomes === 1
        ? 'faltou na última consulta'
        : `faltou em ${r.recentNoShows} das últimas ${r.recentOutcomes} consultas`;
    case 'recentOutcomes':
      return r.recentOutcomes === 0
        ? 'sem consultas anteriores concluídas'
        : `${plural(r.recentOutcomes, 'consulta recente concluída', 'consultas recentes concluídas')}`;
    case 'daysSinceLastVisit':
      return r.daysSinceLastVisit === null
        ? 'sem visita anterior'
        : `última visita há ${plural(r.daysSinceLastVisit, 'dia', 'dias')}`;
    case 'age':
      return r.age === null ? 'idade não informada' : `${plural(r.age, 'ano', 'anos')} de idade`;
    case 'isFirstVisit':
      return r.isFirstVisit ? 'primeira consulta' : 'cliente que já compareceu antes';
    case 'treatmentCategory':
      return r.treatmentCategory === null
        ? 'categoria do tratamento não informada'
        : `tratamento da categoria ${r.treatmentCategory}`;
    case 'priceCents':
      return r.priceCents === null ? 'valor não informado' : `valor de ${brl.format(r.priceCents / 100)}`;
    case 'channel':
      return r.channel === null
        ? 'canal de agendamento não informado'
        : `agendou ${CHANNELS[r.channel] ?? 'por outro canal'}`;
    case 'reminderSent':
      return r.reminderSent ? 'lembrete já enviado' : 'nenhum lembrete enviado ainda';
    case 'confirmationRequested':
      return r.confirmationRequested ? 'confirmação solicitada' : 'confirmação ainda não solicitada';
    case 'confirmed':
      return r.confirmed ? 'confirmou presença' : 'não confirmou presença';
    case 'pendingBookings':
      return r.pendingBookings === 0
        ? 'nenhum outro agendamento futuro'
        : `tem ${plural(r.pendingBookings, 'outro agendamento futuro', 'outros agendamentos futuros')}`;
    case 'sameDayBookings':
      return r.sameDayBookings === 0
        ? 'único agendamento no dia'
        : `tem ${plural(r.sameDayBookings, 'outro agendamento', 'outros agendamentos')} no mesmo dia`;
    case 'clinicNoShowRate':
      return `taxa de faltas da unidade de ${Math.round(r.clinicNoShowRate * 100)}%`;
    case 'clinicLift':
      return r.clinicLift >= 1
        ? 'unidade com faltas acima do esperado'
        : 'unidade com faltas abaixo do esperado';
    case 'priorBookings':
      return r.priorBookings === 0
        ? 'primeiro agendamento registrado'
        : `${plural(r.priorBookings, 'agendamento anterior', 'agendamentos anteriores')}`;
    case 'priorCancellations':
      return r.priorCancellations === 0
        ? 'nenhum cancelamento anterior'
        : `cancelou ${plural(r.priorCancellations, 'vez', 'vezes')} antes`;
    case 'sameBookingDayBookings':
      return r.sameBookingDayBookings === 0
        ? 'único agendamento marcado naquele dia'
        : `marcou ${plural(r.sameBookingDayBookings, 'outro agendamento', 'outros agendamentos')} no mesmo dia`;
    case 'daysSincePreviousBooking':
      return r.daysSincePreviousBooking === null
        ? 'nenhum agendamento anterior'
        : `agendamento anterior feito há ${plural(r.daysSincePreviousBooking, 'dia', 'dias')}`;
  }
}

/** Contributions smaller than this (log-odds) are noise, not a reason. */
const MIN_CONTRIBUTION = 0.02;

/** The `top` factors with the largest effect on this score, largest first. */
export function explainScore(model: NoShowModel, row: FeatureRow, top = 3): RiskFactor[] {
  return [...featureContributions(model, row).entries()]
    .filter(([, c]) => Math.abs(c) >= MIN_CONTRIBUTION)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, top)
    .map(([feature, contribution]) => ({
      feature,
      contribution,
      direction: contribution > 0 ? 'raises' : 'lowers',
      text: describeFactor(feature, row),
    }));
}
