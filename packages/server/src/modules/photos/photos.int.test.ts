import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, clients, treatmentSessions, treatments } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
  createTestUser,
  signInAs,
  TEST_STAFF,
  type TestDatabase,
  type TestOrg,
  type TestStaffMember,
  testConfig,
  testContext,
  testDrivers,
  testKeyring,
  userMessage,
} from '../../testing';
import type { Context } from '../../trpc/context';
import { type FakeS3Server, startFakeS3Server } from './fake-s3-server';
import { clientHasPhotosInTx, countSessionPhotosInTx } from './photos.service';

const S3 = {
  bucket: 'clinia-fotos',
  accessKeyId: 'AKPHOTOS',
  secretAccessKey: 's3-segredo',
  region: 'sa-east-1',
};

/** A phone-like JPEG: landscape pixels, orientation 6, EXIF with device, author and GPS. */
async function phoneJpeg(): Promise<Buffer> {
  const red = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 160, height: 60, channels: 3, background: '#0000ff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'PhoneMaker', Model: 'SerialXYZ123', Artist: 'Maria Aparecida' },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '23/1 33/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '46/1 38/1 0/1',
        },
      },
    })
    .jpeg()
    .toBuffer();
}

const MARKERS = ['PhoneMaker', 'SerialXYZ123', 'Maria', 'Exif', 'JFIF'];
const hasImageMagic = (bytes: Buffer) =>
  bytes.includes(Buffer.from([0xff, 0xd8, 0xff])) ||
  bytes.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])) ||
  MARKERS.some((m) => bytes.includes(Buffer.from(m)));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each(testDrivers())('clinical photos on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let dataDir: string;
  let fakeS3: FakeS3Server;
  let base: Context;
  let s3Base: Context;
  let clientId = '';
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  const keyring = testKeyring();

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinia-photos-int-'));
    fakeS3 = await startFakeS3Server(S3);
    base = testContext(database, { clock, keyring, config: testConfig({ DATA_DIR: dataDir }) });
    s3Base = testContext(database, {
      clock,
      keyring,
      config: testConfig({
        PHOTO_STORAGE: 's3',
        S3_ENDPOINT: fakeS3.url,
        S3_BUCKET: S3.bucket,
        S3_REGION: S3.region,
        S3_ACCESS_KEY_ID: S3.accessKeyId,
        S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      }),
    });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        doctor: TEST_STAFF.doctor,
        esthetician: { roles: ['esteticista'] },
        reception: TEST_STAFF.reception,
        manager: TEST_STAFF.manager,
      }),
    );
    const reception = await as('reception');
    const docs = await reception.clients.consentDocuments();
    const notice = docs.find((d) => d.purpose === 'aviso_privacidade')?.id ?? '';
    ({ clientId } = await reception.clients.register({
      fullName: 'Maria Aparecida dos Santos',
      cpf: '529.982.247-25',
      birthDate: '1988-04-12',
      sex: 'F',
      mobile: '(11) 98765-4321',
      preferredChannel: 'whatsapp',
      privacyNotice: { ...evidence, documentId: notice },
    }));
  });
  afterAll(async () => {
    await database.close();
    await fakeS3.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const evidence = {
    typedName: 'Maria Aparecida dos Santos',
    signer: 'client' as const,
    channel: 'presencial_tablet' as const,
  };

  const as = (who: string, ctx: Context = base) => signInAs(database, ctx, users[who]);

  let sessionsMade = 0;
  /** A draft treatment session of a client (what the sessions module starts from a checked-in visit). */
  async function newSession(
    owner: { organizationId: string; clinicId: string } = org,
    forClientId = clientId,
    professionalId = users.doctor?.userId ?? '',
  ): Promise<string> {
    const [treatment] = await database.db
      .insert(treatments)
      .values({
        organizationId: owner.organizationId,
        name: `Toxina botulínica ${Math.random().toString(36).slice(2, 8)}`,
        category: 'injetavel',
        competenceCategory: 'toxina_botulinica',
        durationMin: 30,
        priceCents: 150_000,
      })
      .returning({ id: treatments.id });
    sessionsMade += 1;
    const startsAt = new Date(clock.now().getTime() - sessionsMade * 3_600_000);
    const [appointment] = await database.db
      .insert(appointments)
      .values({
        organizationId: owner.organizationId,
        clinicId: owner.clinicId,
        clientId: forClientId,
        treatmentId: treatment?.id ?? '',
        professionalId,
        status: 'em_atendimento',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        serviceEndsAt: new Date(startsAt.getTime() + 30 * 60_000),
      })
      .returning({ id: appointments.id });
    const [session] = await database.db
      .insert(treatmentSessions)
      .values({
        organizationId: owner.organizationId,
        clinicId: owner.clinicId,
        appointmentId: appointment?.id ?? '',
        clientId: forClientId,
        professionalId,
        treatmentId: treatment?.id ?? '',
        startedAt: startsAt,
        createdBy: professionalId,
      })
      .returning({ id: treatmentSessions.id });
    return session?.id ?? '';
  }

  async function upload(who = 'doctor', overrides: Record<string, unknown> = {}, ctx: Context = base) {
    return (await as(who, ctx)).photos.upload({
      clientId,
      area: 'face',
      pose: 'frontal',
      moment: 'antes',
      takenAt: '2026-11-25T11:30:00.000Z',
      contentBase64: (await phoneJpeg()).toString('base64'),
      ...overrides,
    });
  }

  async function changePublicityConsent(action: 'grant' | 'withdraw') {
    const doctor = await as('doctor');
    const doc = (await doctor.clients.consentDocuments()).find((d) => d.purpose === 'imagem_divulgacao');
    clock.advance(60_000);
    await doctor.clients.changeConsent({ clientId, documentId: doc?.id ?? '', action, evidence });
  }

  it('uploads a phone photo: upright, metadata stripped, thumbnail, listed with pose and moment', async () => {
    const sessionId = await newSession();
    const photo = await upload('doctor', { sessionId });
    expect(photo).toMatchObject({
      clientId,
      area: 'face',
      pose: 'frontal',
      moment: 'antes',
      takenAt: '2026-11-25T11:30:00.000Z',
      sessionId,
      appointmentId: null,
      sourceFormat: 'jpeg',
      publicity: 'none',
      width: 60,
      height: 160,
    });
    const doctor = await as('doctor');
    const listed = await doctor.photos.list({ clientId });
    expect(listed.publicityConsent).toBe('pendente');
    expect(listed.photos.map((p) => p.id)).toContain(photo.id);
    expect(listed.photos.find((p) => p.id === photo.id)?.uploadedByName).toBe('Pessoa medico');

    const original = await doctor.photos.image({ photoId: photo.id, variant: 'original' });
    const bytes = Buffer.from(original.base64, 'base64');
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual([
      'jpeg',
      60,
      160,
      undefined,
      undefined,
    ]);
    for (const marker of ['PhoneMaker', 'SerialXYZ123', 'Maria'])
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
    const thumb = await (await as('esthetician')).photos.image({ photoId: photo.id, variant: 'thumbnail' });
    const thumbMeta = await sharp(Buffer.from(thumb.base64, 'base64')).metadata();
    expect([thumb.width, thumb.height]).toEqual([thumbMeta.width, thumbMeta.height]);
    expect(thumb.height).toBeLessThanOrEqual(320);
  });

  it('accepts a HEIC from a phone and stores it as a metadata-free JPEG', async () => {
    const heic = await fs.readFile(new URL('./fixtures/synthetic.heic', import.meta.url));
    const photo = await upload('doctor', { pose: 'perfil_esquerdo', contentBase64: heic.toString('base64') });
    expect([photo.sourceFormat, photo.width, photo.height]).toEqual(['heic', 96, 48]);
    const image = await (await as('doctor')).photos.image({ photoId: photo.id, variant: 'original' });
    const bytes = Buffer.from(image.base64, 'base64');
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    expect(bytes.includes(Buffer.from('SerialHEIC42'))).toBe(false);
  });

  it('counts before and after photos of a session for the sessions module', async () => {
    const sessionId = await newSession();
    await upload('doctor', { sessionId });
    await upload('doctor', { sessionId, moment: 'depois' });
    await upload('doctor', { sessionId, moment: 'depois', pose: 'perfil_direito' });
    const counts = await withTenant(database, org.organizationId, (tx) =>
      countSessionPhotosInTx(tx, sessionId),
    );
    expect(counts).toEqual({ antes: 1, depois: 2 });
    expect(await withTenant(database, org.organizationId, (tx) => clientHasPhotosInTx(tx, clientId))).toBe(
      true,
    );
  });

  it("refuses a photo for a session that does not exist, is another client's or another organisation's", async () => {
    const photosBefore = (await (await as('doctor')).photos.list({ clientId })).photos.length;
    const [otherClient] = await database.db
      .insert(clients)
      .values({
        organizationId: org.organizationId,
        fullName: 'Joana Outra',
        birthDate: '1990-01-01',
        sex: 'F',
        preferredChannel: 'whatsapp',
      })
      .returning({ id: clients.id });
    const otherOrg = await createTestOrganization(database);
    const [foreignClient] = await database.db
      .insert(clients)
      .values({
        organizationId: otherOrg.organizationId,
        fullName: 'Luana Externa',
        birthDate: '1991-02-02',
        sex: 'F',
        preferredChannel: 'whatsapp',
      })
      .returning({ id: clients.id });
    const foreignDoctor = await createTestUser(database, otherOrg, {
      roles: ['medico'],
      clinicId: otherOrg.clinicId,
      withActiveLicence: true,
    });
    const sessions = {
      missing: 'c0ffee00-1234-4abc-8def-0123456789ab',
      otherClient: await newSession(org, otherClient?.id ?? ''),
      otherOrganisation: await newSession(otherOrg, foreignClient?.id ?? '', foreignDoctor.userId),
    };
    for (const sessionId of Object.values(sessions)) {
      const error = await upload('doctor', { sessionId }).catch((e) => e);
      expect(appCode(error)).toBe('PHOTO_SESSION_NOT_FOUND');
      expect(userMessage(error)).toMatch(/^Atendimento: /);
    }
    expect((await (await as('doctor')).photos.list({ clientId })).photos).toHaveLength(photosBefore);
    // Underneath, the foreign key refuses a photo row naming no session at all.
    await expect(
      database.query(sql`update photos set session_id = ${sessions.missing} where client_id = ${clientId}`),
    ).rejects.toThrow();
  });

  it('keeps a session that has photos: the record cannot lose them by deleting the session', async () => {
    const sessionId = await newSession();
    await upload('doctor', { sessionId });
    await expect(
      database.query(sql`delete from treatment_sessions where id = ${sessionId}`),
    ).rejects.toThrow();
  });

  it('records every view on the client, so the access report lists it', async () => {
    const photo = await upload();
    const doctor = await as('doctor');
    await doctor.photos.image({ photoId: photo.id, variant: 'original' });
    const rows = await database.query<{ action: string; entity_type: string; changed_fields: string[] }>(
      sql`select action, entity_type, changed_fields from audit_events where entity_id = ${clientId} and action = 'photo.view' order by seq desc limit 1`,
    );
    expect(rows[0]).toEqual({
      action: 'photo.view',
      entity_type: 'client',
      changed_fields: ['photo.original'],
    });
    await doctor.photos.list({ clientId });
    const [listed] = await database.query<{ action: string }>(
      sql`select action from audit_events where entity_id = ${clientId} order by seq desc limit 1`,
    );
    expect(listed?.action).toBe('photo.list');
    const manager = await as('manager');
    const report = await manager.clients.accessReport({ clientId });
    expect(report.some((e) => e.action === 'photo.view' && e.fields.includes('photo.original'))).toBe(true);
  });

  it('raw read: storage files and database rows hold no image, no EXIF, no plaintext', async () => {
    await upload('doctor', { pose: 'perfil_direito' });
    const files = await filesUnder(path.join(dataDir, 'photos'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const bytes = await fs.readFile(file);
      expect({ file: path.basename(file), head: bytes.subarray(0, 4).toString('latin1') }).toEqual({
        file: path.basename(file),
        head: 'CPH1',
      });
      expect({ file: path.basename(file), readable: hasImageMagic(bytes) }).toEqual({
        file: path.basename(file),
        readable: false,
      });
    }
    const rows = await database.query<Record<string, unknown>>(sql`select * from photos`);
    expect(rows.length).toBeGreaterThan(0);
    const dump = Buffer.from(JSON.stringify(rows));
    expect(hasImageMagic(dump)).toBe(false);
    expect(dump.includes(Buffer.from('/9j/'))).toBe(false); // base64 of a JPEG start
    for (const row of rows) expect(String(row.object_key_sealed)).toMatch(/^c1\.dk-test\./);
  });

  it('a role without clinical access gets FORBIDDEN for the gallery and every image', async () => {
    const photo = await upload();
    for (const who of ['reception', 'manager']) {
      const caller = await as(who);
      expect(appCode(await caller.photos.list({ clientId }).catch((e: unknown) => e))).toBe('FORBIDDEN');
      expect(
        appCode(
          await caller.photos.image({ photoId: photo.id, variant: 'original' }).catch((e: unknown) => e),
        ),
      ).toBe('FORBIDDEN');
      expect(
        appCode(
          await caller.photos.image({ photoId: photo.id, variant: 'thumbnail' }).catch((e: unknown) => e),
        ),
      ).toBe('FORBIDDEN');
    }
    const reception = await as('reception');
    expect(appCode(await upload('reception').catch((e: unknown) => e))).toBe('FORBIDDEN');
    expect(reception).toBeDefined();
  });

  it('another organisation cannot reach a photo even with clinical access (row-level security)', async () => {
    const photo = await upload();
    const otherOrg = await createTestOrganization(database, 'Outra Rede');
    const { outsider } = await createTestStaff(database, otherOrg, { outsider: TEST_STAFF.doctor });
    const caller = await signInAs(database, base, outsider);
    expect(
      appCode(await caller.photos.image({ photoId: photo.id, variant: 'original' }).catch((e: unknown) => e)),
    ).toBe('PHOTO_NOT_FOUND');
    expect(appCode(await caller.photos.list({ clientId }).catch((e: unknown) => e))).toBe(
      'PHOTO_CLIENT_NOT_FOUND',
    );
  });

  it('refuses other file types and a pose outside the area standard, in pt-BR naming the field', async () => {
    const gif = await upload('doctor', {
      contentBase64: Buffer.from('GIF89a-not-a-photo').toString('base64'),
    }).catch((e: unknown) => e);
    expect(userMessage(gif)).toBe('Foto: formato não aceito. Envie JPEG, PNG ou HEIC (fotos de celular).');
    const pose = await upload('doctor', { area: 'maos', pose: 'perfil_direito' }).catch((e: unknown) => e);
    expect(appCode(pose)).toBe('BAD_REQUEST');
    expect(JSON.stringify((pose as { cause?: { issues?: unknown } }).cause?.issues)).toContain(
      'Pose: esta pose não faz parte do padrão da área escolhida.',
    );
    const future = await upload('doctor', { takenAt: '2026-12-25T12:00:00.000Z' }).catch((e: unknown) => e);
    expect(userMessage(future)).toBe('Data da foto: não pode estar no futuro.');
  });

  it('deletes softly: gone from the gallery and its images, kept in the record, audited', async () => {
    const photo = await upload('doctor', { moment: 'depois' });
    const doctor = await as('doctor');
    await doctor.photos.delete({ photoId: photo.id, reason: 'duplicada' });
    expect((await doctor.photos.list({ clientId })).photos.map((p) => p.id)).not.toContain(photo.id);
    expect(
      appCode(await doctor.photos.image({ photoId: photo.id, variant: 'original' }).catch((e: unknown) => e)),
    ).toBe('PHOTO_NOT_FOUND');
    const [row] = await database.query<{ deleted: boolean; reason: string }>(
      sql`select deleted_at is not null as deleted, delete_reason as reason from photos where id = ${photo.id}`,
    );
    expect(row).toEqual({ deleted: true, reason: 'duplicada' });
    const [event] = await database.query<{ action: string }>(
      sql`select action from audit_events where entity_type = 'photo' and entity_id = ${photo.id} order by seq desc limit 1`,
    );
    expect(event?.action).toBe('photo.delete');
  });

  it('publicity needs the current consent, and a withdrawal takes the photo out of publicity at once', async () => {
    const photo = await upload('doctor', { pose: 'obliqua_direita', moment: 'depois' });
    const doctor = await as('doctor');
    const manager = await as('manager');
    const refused = await doctor.photos
      .setPublicity({ photoId: photo.id, isPublicity: true })
      .catch((e: unknown) => e);
    expect(appCode(refused)).toBe('PHOTO_PUBLICITY_CONSENT_MISSING');
    expect(userMessage(refused)).toMatch(/^Divulgação: o cliente não concedeu/);

    await changePublicityConsent('grant');
    const marked = await doctor.photos.setPublicity({ photoId: photo.id, isPublicity: true });
    expect(marked.publicity).toBe('active');
    expect((await manager.photos.publicityList()).map((p) => p.id)).toEqual([photo.id]);
    const shown = await manager.photos.publicityImage({ photoId: photo.id, variant: 'thumbnail' });
    expect(shown.mimeType).toBe('image/jpeg');
    expect(Object.keys((await manager.photos.publicityList())[0] ?? {})).not.toContain('clientId');

    await changePublicityConsent('withdraw');
    expect(await manager.photos.publicityList()).toEqual([]);
    expect(
      appCode(
        await manager.photos
          .publicityImage({ photoId: photo.id, variant: 'original' })
          .catch((e: unknown) => e),
      ),
    ).toBe('PHOTO_PUBLICITY_NOT_ACTIVE');
    const gallery = await doctor.photos.list({ clientId });
    expect(gallery.publicityConsent).toBe('revogado');
    expect(gallery.photos.find((p) => p.id === photo.id)?.publicity).toBe('suspended');
    expect(
      appCode(
        await doctor.photos.setPublicity({ photoId: photo.id, isPublicity: true }).catch((e: unknown) => e),
      ),
    ).toBe('PHOTO_PUBLICITY_CONSENT_MISSING');
    // Unmarking is always possible.
    expect((await doctor.photos.setPublicity({ photoId: photo.id, isPublicity: false })).publicity).toBe(
      'none',
    );
  });

  it('stores through the S3 adapter: only sealed objects in the bucket, readable back', async () => {
    const photo = await upload('doctor', { area: 'abdome', pose: 'perfil_esquerdo' }, s3Base);
    const keys = [...fakeS3.objects.keys()].filter((k) => k.includes(photo.id));
    expect(keys.sort()).toEqual([
      `${org.organizationId}/${photo.id}/original`,
      `${org.organizationId}/${photo.id}/thumbnail`,
    ]);
    for (const key of keys) {
      const bytes = fakeS3.objects.get(key) ?? Buffer.alloc(0);
      expect(bytes.subarray(0, 4).toString()).toBe('CPH1');
      expect(hasImageMagic(bytes)).toBe(false);
    }
    const doctor = await as('doctor', s3Base);
    const image = await doctor.photos.image({ photoId: photo.id, variant: 'original' });
    expect((await sharp(Buffer.from(image.base64, 'base64')).metadata()).format).toBe('jpeg');
    expect(fakeS3.requests.every((r) => r.status < 400)).toBe(true);
  });
});
