import type { TCompetenceDecision, TProcedureCategory, TStaffRole } from '@clinia/contracts';

/**
 * The default competence policy, from shared/docs/REGULATION.md section 3.2. These rules are contested
 * in court; clinics may change them (a new, audited version). Where the council resolutions say
 * nothing about a category, the default is the conservative "proibido", flagged in the citation.
 */
type Rule = {
  role: TStaffRole;
  category: TProcedureCategory;
  decision: TCompetenceDecision;
  citation: string;
};

const INJECTABLES: TProcedureCategory[] = [
  'toxina_botulinica',
  'preenchedor_acido_hialuronico',
  'bioestimulador',
  'preenchedor_pmma',
  'fios_pdo',
  'intradermoterapia',
];
const NON_INVASIVE: TProcedureCategory[] = [
  'laser_luz',
  'peeling_quimico',
  'microagulhamento',
  'limpeza_facial',
  'corporal_aparelhos',
];
const NOT_IN_RULES =
  'Não previsto nas resoluções citadas em REGULATION.md 3.2: padrão conservador, revise com o jurídico.';

function rows(
  role: TStaffRole,
  decisions: Partial<Record<TProcedureCategory, [TCompetenceDecision, string]>>,
  fallback: [TCompetenceDecision, string],
): Rule[] {
  return [...INJECTABLES, ...NON_INVASIVE].map((category) => {
    const [decision, citation] = decisions[category] ?? fallback;
    return { role, category, decision, citation };
  });
}

const HEALTH_NON_INVASIVE: Partial<Record<TProcedureCategory, [TCompetenceDecision, string]>> =
  Object.fromEntries(
    NON_INVASIVE.map((c) => [
      c,
      ['permitido', 'Procedimento não invasivo dentro da atuação do profissional de saúde.'],
    ]),
  );

export const DEFAULT_COMPETENCE_RULES: Rule[] = [
  ...rows('medico', {}, [
    'permitido',
    'Lei 12.842/2013: o médico pode realizar todos os procedimentos estéticos.',
  ]),
  ...rows(
    'dentista',
    {
      ...HEALTH_NON_INVASIVE,
      toxina_botulinica: [
        'requer_habilitacao',
        'CFO 198/2019 (HOF, curso ≥ 500 h): região orofacial; CFO 230/2020 limita atos cirúrgicos.',
      ],
      preenchedor_acido_hialuronico: [
        'requer_habilitacao',
        'CFO 198/2019 (HOF): região orofacial, acima do hioide, até o násio, anterior ao trágus.',
      ],
      bioestimulador: ['requer_habilitacao', 'CFO 198/2019 (HOF): região orofacial.'],
    },
    ['proibido', NOT_IN_RULES],
  ),
  ...rows(
    'biomedico',
    {
      ...HEALTH_NON_INVASIVE,
      toxina_botulinica: [
        'requer_habilitacao',
        'CFBM 197/2011 e 241/2014 (habilitação em biomedicina estética). Matéria judicializada.',
      ],
      preenchedor_acido_hialuronico: [
        'requer_habilitacao',
        'CFBM 241/2014: preenchedores semipermanentes registrados na ANVISA.',
      ],
      bioestimulador: ['requer_habilitacao', 'CFBM 241/2014: CaHA e PLLA registrados na ANVISA.'],
      preenchedor_pmma: ['proibido', 'CFBM 241/2014: PMMA vedado.'],
    },
    ['proibido', NOT_IN_RULES],
  ),
  ...rows(
    'enfermeiro',
    {
      ...HEALTH_NON_INVASIVE,
      toxina_botulinica: [
        'requer_habilitacao',
        'COFEN 626/2020; Parecer CT 001/2022/GTEE/COFEN (enfermeiro esteta). Contestado por entidades médicas.',
      ],
      preenchedor_acido_hialuronico: [
        'requer_habilitacao',
        'COFEN 626/2020 (enfermeiro esteta). Contestado por entidades médicas.',
      ],
    },
    ['proibido', NOT_IN_RULES],
  ),
  ...rows(
    'farmaceutico',
    {
      ...HEALTH_NON_INVASIVE,
      toxina_botulinica: ['requer_habilitacao', 'CFF 616/2015 e 645/2017 (CFF 573/2013 suspensa pelo TRF1).'],
      preenchedor_acido_hialuronico: [
        'requer_habilitacao',
        'CFF 616/2015 e 645/2017: preenchedores dérmicos.',
      ],
      bioestimulador: ['requer_habilitacao', 'CFF 616/2015 e 645/2017: preenchedores dérmicos.'],
      fios_pdo: ['requer_habilitacao', 'CFF 616/2015 e 645/2017: fios de PDO.'],
    },
    ['proibido', NOT_IN_RULES],
  ),
  ...rows(
    'fisioterapeuta',
    {
      ...HEALTH_NON_INVASIVE,
      toxina_botulinica: [
        'requer_habilitacao',
        'COFFITO Acórdão 609/2023: curso ≥ 50 h (dermatofuncional) ou 70 h (neurofuncional).',
      ],
    },
    ['proibido', NOT_IN_RULES],
  ),
  ...rows(
    'esteticista',
    {
      limpeza_facial: ['permitido', 'Lei 13.643/2018: cosméticos e equipamentos registrados na ANVISA.'],
      corporal_aparelhos: ['permitido', 'Lei 13.643/2018: equipamentos registrados na ANVISA.'],
      laser_luz: [
        'requer_habilitacao',
        'Lei 13.643/2018: apenas equipamentos registrados na ANVISA e de uso permitido ao esteticista.',
      ],
      peeling_quimico: ['requer_habilitacao', 'Lei 13.643/2018: apenas cosméticos (peelings superficiais).'],
    },
    ['proibido', 'Lei 13.643/2018 e ANVISA NT 2/2024: esteticista não aplica medicamentos nem injetáveis.'],
  ),
];
