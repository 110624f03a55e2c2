import type { TCouncil, TStaffRole } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { hashPassword } from '../identity/identity.service';
import { insertUser, replaceMemberships, upsertLicence } from './staff.queries';

/**
 * Demo team for the generator. Licences start "pendente": the boot-time re-check verifies the CRMs
 * against the registry (the local fake CFM in demo mode), so their status comes from a real check.
 * E-mails use the reserved .example domain.
 */
export const DEMO_PASSWORD = 'Clinia-demo-2026';

type DemoMember = {
  fullName: string;
  email: string;
  roles: TStaffRole[];
  licence?: { council: TCouncil; number: string; uf: string; specialties?: string[]; rqe?: string[] };
};

export const DEMO_TEAM: DemoMember[] = [
  { fullName: 'Marina Costa Ribeiro', email: 'gestor@clinica.example', roles: ['gestor'] },
  {
    fullName: 'Helena Duarte Vasconcellos',
    email: 'helena.duarte@clinica.example',
    roles: ['medico'],
    licence: { council: 'CRM', number: '9100001', uf: 'SP', specialties: ['Dermatologia'], rqe: ['45120'] },
  },
  {
    fullName: 'Rafael Moreira Albuquerque',
    email: 'rafael.moreira@clinica.example',
    roles: ['medico'],
    licence: {
      council: 'CRM',
      number: '9100002',
      uf: 'SP',
      specialties: ['Cirurgia Plástica'],
      rqe: ['38811'],
    },
  },
  {
    fullName: 'Beatriz Lacerda Fontes',
    email: 'beatriz.lacerda@clinica.example',
    roles: ['medico'],
    licence: { council: 'CRM', number: '9100003', uf: 'SP' },
  },
  {
    fullName: 'Juliana Alves Pereira',
    email: 'juliana.alves@clinica.example',
    roles: ['enfermeiro'],
    licence: { council: 'COREN', number: '412233', uf: 'SP' },
  },
  {
    fullName: 'Patrícia Gomes Lima',
    email: 'patricia.gomes@clinica.example',
    roles: ['biomedico'],
    licence: { council: 'CRBM', number: '45678', uf: 'SP' },
  },
  { fullName: 'Renata Souza Martins', email: 'renata.souza@clinica.example', roles: ['esteticista'] },
  { fullName: 'Carla Mendes Rocha', email: 'recepcao@clinica.example', roles: ['recepcionista'] },
  { fullName: 'Fernando Azevedo Lins', email: 'dpo@clinica.example', roles: ['encarregado_dados'] },
];

/**
 * A second manager that only the end-to-end run asks for (DEMO_E2E_MANAGER, set by scripts/e2e.mjs):
 * specs that change manager settings sign in with it and enrol its two-step verification themselves,
 * while identity.spec.ts owns the listed manager's first sign-in. Not in DEMO_TEAM, so the sign-in
 * page never lists it; a plain demo has no such account.
 */
export const E2E_MANAGER: DemoMember = {
  fullName: 'Lívia Campos Teixeira',
  email: 'gestao.e2e@clinica.example',
  roles: ['gestor'],
};

/** Creates the demo team in the first clinic; the manager also manages every other clinic. */
export async function seedDemoTeam(
  tx: Tx,
  organizationId: string,
  clinicIds: string[],
  now: Date,
  emailSuffix = '',
  options: { e2eManager?: boolean } = {},
): Promise<{ users: number; technicalDirectorUserId: string | null }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [first, ...others] = clinicIds;
  if (!first) return { users: 0, technicalDirectorUserId: null };
  let technicalDirectorUserId: string | null = null;
  const team = options.e2eManager ? [...DEMO_TEAM, E2E_MANAGER] : DEMO_TEAM;
  for (const member of team) {
    const email = emailSuffix ? member.email.replace('@', `+${emailSuffix}@`) : member.email;
    const user = await insertUser(tx, {
      organizationId,
      email,
      fullName: member.fullName,
      status: 'active',
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const assignments = member.roles.map((role) => ({ clinicId: first, role }));
    if (member.roles.includes('gestor'))
      for (const clinicId of others) assignments.push({ clinicId, role: 'gestor' });
    await replaceMemberships(tx, organizationId, user.id, assignments);
    if (member.licence) {
      await upsertLicence(tx, {
        organizationId,
        userId: user.id,
        council: member.licence.council,
        number: member.licence.number,
        uf: member.licence.uf,
        specialties: member.licence.specialties ?? [],
        rqe: member.licence.rqe ?? [],
        status: 'pendente',
        createdAt: now,
        updatedAt: now,
      });
    }
    if (member.licence?.number === '9100001') technicalDirectorUserId = user.id;
  }
  return { users: team.length, technicalDirectorUserId };
}
