import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clinics, organizations } from '../db/schema';
import { AppError } from '../platform/errors';
import { type TestDatabase, testContext, testDrivers } from '../testing';
import { createCaller } from './app-router';
import { createCallerFactory, publicProcedure, router } from './init';

describe.each(testDrivers())('app router on $name', (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it('system.info reports no clinic on an empty database', async () => {
    const info = await createCaller(testContext(database)).system.info();
    expect(info).toMatchObject({
      product: 'Clinia',
      clinic: null,
      databaseDriver: driver.name,
      serverTime: '2026-11-25T12:00:00.000Z',
    });
  });

  it('system.info returns the clinic with its time zone', async () => {
    const [org] = await database.db.insert(organizations).values({ name: 'Rede Bela Pele' }).returning();
    await database.db.insert(clinics).values({
      organizationId: org?.id ?? '',
      name: 'Bela Pele Jardins',
      cnpj: '11222333000181',
      timeZone: 'America/Sao_Paulo',
      address: {
        street: 'Rua Oscar Freire',
        number: '100',
        district: 'Jardins',
        city: 'São Paulo',
        uf: 'SP',
        cep: '01426001',
      },
    });
    const info = await createCaller(testContext(database)).system.info();
    expect(info.clinic).toMatchObject({
      name: 'Bela Pele Jardins',
      organizationName: 'Rede Bela Pele',
      timeZone: 'America/Sao_Paulo',
      city: 'São Paulo',
      uf: 'SP',
    });
  });
});

describe('error mapping', () => {
  const probe = router({
    conflict: publicProcedure.query(() => {
      throw new AppError('APPOINTMENT_SLOT_TAKEN', {
        kind: 'CONFLICT',
        userMessage: 'A sala 2 já está ocupada neste horário.',
      });
    }),
    crash: publicProcedure.query(() => {
      throw new Error('relation "clients" does not exist');
    }),
    validate: publicProcedure.input(z.object({ phone: z.string().min(10) })).query(() => 'ok'),
  });
  const caller = createCallerFactory(probe)(testContext({} as never));

  it('maps a domain AppError to its transport code and keeps the pt-BR message', async () => {
    const error = await caller.conflict().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('CONFLICT');
    expect(((error as TRPCError).cause as AppError).userMessage).toBe(
      'A sala 2 já está ocupada neste horário.',
    );
  });

  it('keeps unexpected errors internal', async () => {
    const error = await caller.crash().catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('refuses bad input naming the field', async () => {
    const error = await caller.validate({ phone: '123' }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});
