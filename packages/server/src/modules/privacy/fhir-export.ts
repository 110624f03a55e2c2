import type { Bundle, BundleEntry, Consent, Observation, Patient } from '@medplum/fhirtypes';
import type { ClientDossier } from '../clients/clients.service';

/**
 * The client's data as a FHIR R4 Bundle (collection): Patient, one Consent per consent event, one
 * Observation per intake version. Appointment and Procedure join when scheduling and clinical
 * sessions exist. Identifiers follow the RNDS naming system for CPF.
 */
export const CPF_SYSTEM = 'https://saude.gov.br/fhir/r4/NamingSystem/cpf';

const GENDER: Record<string, Patient['gender']> = { F: 'female', M: 'male', I: 'unknown' };

export function buildFhirBundle(dossier: ClientDossier, generatedAt: string): Bundle {
  const patientUrl = `urn:uuid:${dossier.client.id}`;
  const c = dossier.client;
  const patient: Patient = {
    resourceType: 'Patient',
    id: c.id,
    identifier: c.cpf ? [{ system: CPF_SYSTEM, value: c.cpf }] : [],
    name: [
      { use: 'official', text: c.fullName },
      ...(c.socialName ? [{ use: 'usual' as const, text: c.socialName }] : []),
    ],
    gender: GENDER[c.sex] ?? 'unknown',
    birthDate: c.birthDate,
    telecom: [
      ...(c.mobile ? [{ system: 'phone' as const, use: 'mobile' as const, value: c.mobile }] : []),
      ...(c.email ? [{ system: 'email' as const, value: c.email }] : []),
    ],
    address: c.address
      ? [
          {
            use: 'home',
            line: [
              `${c.address.street}, ${c.address.number}${c.address.complement ? `, ${c.address.complement}` : ''}`,
              c.address.district,
            ],
            city: c.address.city,
            state: c.address.uf,
            postalCode: c.address.cep,
            country: 'BR',
          },
        ]
      : [],
    contact: c.emergencyContact
      ? [
          {
            name: { text: c.emergencyContact.name },
            telecom: [{ system: 'phone', value: c.emergencyContact.phone }],
          },
        ]
      : [],
  };
  const consents: Consent[] = dossier.consents.map((e) => ({
    resourceType: 'Consent',
    id: e.id,
    status: e.action === 'grant' ? 'active' : 'inactive',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: e.purpose === 'tcle' ? 'treatment' : 'patient-privacy',
        },
      ],
    },
    category: [{ text: e.documentTitle }],
    patient: { reference: patientUrl },
    dateTime: e.occurredAt,
    policyRule: { text: `${e.documentTitle}, versão ${e.documentVersion} (SHA-256 ${e.documentSha256})` },
    provision: {
      type: e.action === 'grant' ? 'permit' : 'deny',
      purpose: [{ code: e.purpose, display: e.documentTitle }],
    },
  }));
  const intakes: Observation[] = dossier.intakes.map((i) => ({
    resourceType: 'Observation',
    id: `${c.id}-anamnese-${i.version}`,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
    ],
    code: { text: `Anamnese (versão ${i.version})` },
    subject: { reference: patientUrl },
    effectiveDateTime: i.recordedAt,
    component: [
      { code: { text: 'Fototipo de Fitzpatrick' }, valueString: i.data.fitzpatrick },
      { code: { text: 'Condições de saúde' }, valueString: i.data.conditions.join('; ') || 'nenhuma' },
      { code: { text: 'Alergias' }, valueString: i.data.allergies.join('; ') || 'nenhuma' },
      {
        code: { text: 'Medicamentos em uso' },
        valueString: i.data.medications.map((m) => m.name).join('; ') || 'nenhum',
      },
      { code: { text: 'Gestante' }, valueBoolean: i.data.pregnant },
      { code: { text: 'Amamentando' }, valueBoolean: i.data.breastfeeding },
      { code: { text: 'Tendência a queloide' }, valueBoolean: i.data.keloidTendency },
      { code: { text: 'Doença autoimune' }, valueBoolean: i.data.autoimmuneDisease },
      { code: { text: 'Objetivos estéticos' }, valueString: i.data.goals || '—' },
    ],
  }));
  const entries: BundleEntry[] = [
    { fullUrl: patientUrl, resource: patient },
    ...consents.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
    ...intakes.map((resource) => ({ fullUrl: `urn:clinia:observation:${resource.id}`, resource })),
  ];
  return { resourceType: 'Bundle', type: 'collection', timestamp: generatedAt, entry: entries };
}
