import { describe, expect, it } from 'vitest';
import { buildFeatures } from './features';
import { predictionInstant } from './history';
import { mapNoshowCsv, NOSHOW_CSV_TIME_ZONE, NoshowCsvError, parseCsv } from './noshow-csv';

const HEADER =
  'PatientId,AppointmentID,Gender,ScheduledDay,AppointmentDay,Age,Neighbourhood,Scholarship,Hipertension,Diabetes,Alcoholism,Handcap,SMS_received,No-show';

describe('public no-show CSV mapping', () => {
  it('parses quoted fields', () => {
    expect(parseCsv('a,"b,c","d""e"\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
  });

  it('maps a row to an appointment-history record in local time', () => {
    const csv = [
      HEADER,
      '5.6e+13,5700001,F,2016-05-02T10:15:00Z,2016-05-20T00:00:00Z,34,JARDIM DA PENHA,0,1,0,0,0,1,Yes',
      '29872499824296,5700002,M,2016-05-03T08:00:00Z,2016-05-03T00:00:00Z,-1,CENTRO,0,0,0,0,0,0,No',
      '29872499824296,5700003,M,2016-05-05T08:00:00Z,2016-05-04T00:00:00Z,20,CENTRO,0,0,0,0,0,0,No',
    ].join('\n');
    const { records, skipped } = mapNoshowCsv(csv);
    expect(skipped).toBe(1);
    const [a, b] = records;
    expect(a).toMatchObject({
      appointmentId: '5700001',
      clientId: '5.6e+13',
      clinicId: 'JARDIM DA PENHA',
      status: 'no_show',
      hasTimeOfDay: false,
      clientBirthDate: '1982-05-20',
      treatmentCategory: null,
    });
    // Vitória was at UTC-3 in May 2016.
    expect(a?.bookedAt.toISOString()).toBe('2016-05-02T13:15:00.000Z');
    expect(a?.startsAt.toISOString()).toBe('2016-05-20T03:00:00.000Z');
    expect(a?.outcomeAt?.toISOString()).toBe('2016-05-21T03:00:00.000Z');
    expect(a?.reminderSentAt?.toISOString()).toBe('2016-05-18T03:00:00.000Z');
    expect(b).toMatchObject({ status: 'attended', clientBirthDate: null, reminderSentAt: null });

    const rows = buildFeatures(
      records,
      records.map((record) => ({ record, at: predictionInstant(record) })),
      NOSHOW_CSV_TIME_ZONE,
    );
    expect(rows[0]).toMatchObject({
      leadDays: 18,
      weekday: 5,
      hour: null,
      bookingHour: 10,
      age: 34,
      reminderSent: true,
    });
    expect(rows[1]).toMatchObject({ leadDays: 0, age: null, reminderSent: false });
  });

  it('names the problem of a malformed file', () => {
    expect(() => mapNoshowCsv('PatientId,AppointmentID\n1,2')).toThrow(NoshowCsvError);
    expect(() => mapNoshowCsv(`${HEADER}\n1,2,F,ontem,2016-05-20T00:00:00Z,3,X,0,0,0,0,0,0,No`)).toThrow(
      /linha 2: data inválida na coluna ScheduledDay/,
    );
  });
});
