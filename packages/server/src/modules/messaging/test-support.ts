import type { TConsentPurpose } from '@clinia/contracts';
import type { Context } from '../../trpc/context';
import type { AppointmentForReminder, AppointmentMessagingPort } from './ports';

/**
 * Test support for messaging: an appointments port backed by a Map (scheduling is another module
 * whose tables this one never reads), and a helper registering a client with chosen consents
 * through the real clients procedures.
 */
export function mapAppointmentsPort(): AppointmentMessagingPort & {
  appointments: Map<string, AppointmentForReminder>;
} {
  const appointments = new Map<string, AppointmentForReminder>();
  return {
    appointments,
    getForReminder: async (_tx, _org, id) => appointments.get(id) ?? null,
    confirm: async (_tx, _org, id) => {
      const a = appointments.get(id);
      if (!a) return 'not_found';
      if (a.status === 'confirmado') return 'unchanged';
      a.status = 'confirmado';
      return 'confirmed';
    },
    cancel: async (_tx, _org, id) => {
      const a = appointments.get(id);
      if (!a) return 'not_found';
      if (a.status === 'cancelado') return 'unchanged';
      a.status = 'cancelado';
      return 'cancelled';
    },
  };
}

type Caller = {
  clients: {
    consentDocuments: () => Promise<{ id: string; purpose: string }[]>;
    register: (input: never) => Promise<{ clientId: string }>;
    changeConsent: (input: never) => Promise<unknown>;
  };
};

export const EVIDENCE = {
  typedName: 'Cliente de Teste',
  signer: 'client' as const,
  channel: 'presencial_tablet' as const,
};

export async function registerClientWithConsents(
  caller: Caller,
  input: { fullName: string; cpf: string; mobile: string; email?: string; preferredChannel?: string },
  purposes: TConsentPurpose[],
): Promise<string> {
  const docs = await caller.clients.consentDocuments();
  const notice = docs.find((d) => d.purpose === 'aviso_privacidade')?.id ?? '';
  const { clientId } = await caller.clients.register({
    fullName: input.fullName,
    cpf: input.cpf,
    birthDate: '1990-05-10',
    sex: 'F',
    mobile: input.mobile,
    email: input.email,
    preferredChannel: input.preferredChannel ?? 'whatsapp',
    privacyNotice: { ...EVIDENCE, documentId: notice },
  } as never);
  for (const purpose of purposes) {
    const documentId = docs.find((d) => d.purpose === purpose)?.id ?? '';
    await caller.clients.changeConsent({
      clientId,
      documentId,
      action: 'grant',
      evidence: EVIDENCE,
    } as never);
  }
  return clientId;
}

export type { Context };
