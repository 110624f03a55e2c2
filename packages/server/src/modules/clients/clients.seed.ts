import type { TIntakeData } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { clientAad } from './client-aad';
import {
  findCurrentConsentDocuments,
  insertClient,
  insertConsentEvent,
  insertIntake,
} from './clients.queries';

/** A generated person, as the demo generator produces them. */
export type SeedPerson = {
  name: string;
  socialName: string | null;
  sex: 'F' | 'M';
  birthDate: string;
  cpf: string;
  mobile: string;
  email: string;
  address: {
    street: string;
    number: string;
    complement?: string;
    district: string;
    city: string;
    uf: string;
    cep: string;
  };
};

/**
 * Bulk path for the demo and benchmark generator: same sealing and indexes as registerClient, in one
 * transaction, without an audit event per client (the seed itself is audited once).
 */
export async function seedDemoClients(
  tx: Tx,
  keyring: Keyring,
  input: {
    organizationId: string;
    collectedBy: string | null;
    now: Date;
    people: {
      person: SeedPerson;
      intake: TIntakeData | null;
      marketingWhatsapp: boolean;
      imageClinical: boolean;
    }[];
  },
): Promise<number> {
  const docs = await findCurrentConsentDocuments(tx, input.organizationId);
  const doc = (purpose: string) => docs.find((d) => d.purpose === purpose && d.procedureCategory === null);
  const notice = doc('aviso_privacidade');
  const whatsapp = doc('marketing_whatsapp');
  const careWhatsapp = doc('lembretes_whatsapp');
  const image = doc('imagem_prontuario');
  let created = 0;
  for (const [index, { person, intake, marketingWhatsapp, imageClinical }] of input.people.entries()) {
    const id = crypto.randomUUID();
    await insertClient(tx, {
      id,
      organizationId: input.organizationId,
      fullName: person.name,
      socialName: person.socialName,
      birthDate: person.birthDate,
      sex: person.sex,
      cpfSealed: keyring.seal(person.cpf, clientAad('cpf', id)),
      cpfIndex: keyring.blindIndex(person.cpf, 'cpf'),
      mobileSealed: keyring.seal(person.mobile, clientAad('mobile', id)),
      mobileIndex: keyring.blindIndex(person.mobile, 'mobile'),
      emailSealed: keyring.seal(person.email, clientAad('email', id)),
      addressSealed: keyring.seal(JSON.stringify(person.address), clientAad('address', id)),
      preferredChannel: 'whatsapp',
      createdBy: input.collectedBy,
      createdAt: input.now,
      updatedAt: input.now,
    });
    const grant = async (document: typeof notice) => {
      if (!document) return;
      await insertConsentEvent(tx, {
        organizationId: input.organizationId,
        clientId: id,
        documentId: document.id,
        purpose: document.purpose,
        action: 'grant',
        occurredAt: input.now,
        channel: 'presencial_tablet',
        collectedBy: input.collectedBy,
        signer: 'client',
        typedName: person.name,
        documentSha256: document.bodySha256,
      });
    };
    await grant(notice);
    // Most clients accept reminders on WhatsApp; every tenth does not (no random draw, so the rest of
    // the generated data stays the same).
    if (index % 10 !== 9) await grant(careWhatsapp);
    if (marketingWhatsapp) await grant(whatsapp);
    if (imageClinical) await grant(image);
    if (intake && input.collectedBy) {
      await insertIntake(tx, {
        organizationId: input.organizationId,
        clientId: id,
        version: 1,
        dataSealed: keyring.seal(JSON.stringify(intake), `client_intakes.data:${id}:1`),
        recordedBy: input.collectedBy,
        recordedAt: input.now,
      });
    }
    created++;
  }
  return created;
}
