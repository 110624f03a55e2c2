import {
  CONTRAINDICATION_RULE_LABELS,
  FITZPATRICK_TYPES,
  type TContraindicationRule,
  type TContraindicationSeverity,
  type TContraindications,
  type TIntakeData,
} from '@clinia/contracts';

/**
 * Pure contraindication check: a treatment's rules against a client's health intake on a given day.
 * Used by scheduling (warn at booking), planning and the pre-session checklist (issue 7). No clock and
 * no database: the caller passes the date in the clinic's time zone.
 *
 * A finding is `met` when the intake shows the condition, or `unknown` when the intake cannot tell
 * (no intake recorded, or a fact only the professional can confirm at the session, like an active
 * infection at the site). Unknown findings are always warnings: the professional must confirm.
 */
export type ContraindicationFinding = {
  rule: TContraindicationRule;
  severity: TContraindicationSeverity;
  basis: 'met' | 'unknown';
  message: string;
};

export type EvaluationInput = {
  rules: TContraindications;
  /** The latest intake, or null when none was recorded. */
  intake: TIntakeData | null;
  birthDate: string;
  /** yyyy-MM-dd in the clinic's zone. */
  onDate: string;
  /** Facts checked at the session (pre-session checklist); undefined when not yet checked. */
  sessionFacts?: { activeInfectionAtSite?: boolean };
};

export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const SEVERITY_ORDER: Record<TContraindicationSeverity, number> = { hard: 0, warn: 1 };

export function evaluateContraindications(input: EvaluationInput): ContraindicationFinding[] {
  const { rules, intake, onDate } = input;
  const findings: ContraindicationFinding[] = [];
  const met = (rule: TContraindicationRule, severity: TContraindicationSeverity, message: string) =>
    findings.push({ rule, severity, basis: 'met', message });
  const unknown = (rule: TContraindicationRule, message: string) =>
    findings.push({ rule, severity: 'warn', basis: 'unknown', message });
  const noIntake = (rule: TContraindicationRule) =>
    unknown(
      rule,
      `${CONTRAINDICATION_RULE_LABELS[rule]}: anamnese não registrada; confirme com o cliente antes do procedimento.`,
    );

  if (rules.age) {
    const age = ageOn(input.birthDate, onDate);
    if (rules.age.min !== undefined && age < rules.age.min) {
      met(
        'age',
        rules.age.severity,
        `Idade: ${age} anos, abaixo da mínima de ${rules.age.min} anos para este tratamento.`,
      );
    } else if (rules.age.max !== undefined && age > rules.age.max) {
      met(
        'age',
        rules.age.severity,
        `Idade: ${age} anos, acima da máxima de ${rules.age.max} anos para este tratamento.`,
      );
    }
  }
  if (rules.activeInfection) {
    const fact = input.sessionFacts?.activeInfectionAtSite;
    if (fact === true) {
      met(
        'activeInfection',
        rules.activeInfection.severity,
        'Infecção ativa no local: o procedimento não deve ser feito na área afetada.',
      );
    } else if (fact === undefined) {
      unknown(
        'activeInfection',
        'Infecção ativa no local: confirme na avaliação pré-procedimento que não há infecção ou lesão ativa na área.',
      );
    }
  }

  const flags: [TContraindicationRule, keyof TIntakeData, string][] = [
    ['pregnancy', 'pregnant', 'Gestação informada na anamnese.'],
    ['breastfeeding', 'breastfeeding', 'Amamentação informada na anamnese.'],
    ['keloid', 'keloidTendency', 'Tendência a queloide informada na anamnese.'],
    ['autoimmune', 'autoimmuneDisease', 'Doença autoimune informada na anamnese.'],
  ];
  for (const [rule, field, message] of flags) {
    const rule_ = rules[rule] as { severity: TContraindicationSeverity } | undefined;
    if (!rule_) continue;
    if (!intake) noIntake(rule);
    else if (intake[field] === true) met(rule, rule_.severity, message);
  }

  if (rules.anticoagulants) {
    if (!intake) noIntake('anticoagulants');
    else if (
      intake.medications.some(
        (m) => m.kind === 'anticoagulante' && (m.until === undefined || m.until >= onDate),
      )
    ) {
      met(
        'anticoagulants',
        rules.anticoagulants.severity,
        'Uso de anticoagulante informado na anamnese: risco de sangramento e hematoma.',
      );
    }
  }
  if (rules.isotretinoin) {
    const months = rules.isotretinoin.withinMonths;
    if (!intake) noIntake('isotretinoin');
    else {
      const since = monthsBefore(onDate, months);
      if (
        intake.medications.some(
          (m) => m.kind === 'isotretinoina' && (m.until === undefined || m.until >= since),
        )
      ) {
        met(
          'isotretinoin',
          rules.isotretinoin.severity,
          `Isotretinoína em uso ou suspensa há menos de ${months} ${months === 1 ? 'mês' : 'meses'}.`,
        );
      }
    }
  }
  if (rules.fitzpatrick) {
    if (!intake) noIntake('fitzpatrick');
    else {
      const index = FITZPATRICK_TYPES.indexOf(intake.fitzpatrick);
      const { min, max, severity } = rules.fitzpatrick;
      if (
        (min !== undefined && index < FITZPATRICK_TYPES.indexOf(min)) ||
        (max !== undefined && index > FITZPATRICK_TYPES.indexOf(max))
      ) {
        const range = min && max ? `${min} a ${max}` : min ? `a partir de ${min}` : `até ${max}`;
        met(
          'fitzpatrick',
          severity,
          `Fototipo ${intake.fitzpatrick}: este tratamento é indicado para fototipos ${range} (risco de queimadura ou discromia).`,
        );
      }
    }
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** True when any finding forbids the treatment outright. */
export function hasHardContraindication(findings: ContraindicationFinding[]): boolean {
  return findings.some((f) => f.severity === 'hard' && f.basis === 'met');
}
