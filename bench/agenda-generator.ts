/**
 * Clinic-network generator for the agenda benchmark (issue 6 point 10), on top of the demo seed.
 *
 * The demo seed gives the organisation, 7 clinics in several Brazilian zones, the competence policy,
 * the demo team and the treatment catalog. This adds, with set-based SQL only (no service call per row):
 * 160 professionals (30 in clinic 2, 26 in each of five others) with active licences, a home room each,
 * weekly hours (Saturday mornings too) and a lunch break; ~200k clients; and ~2M appointments over 5 years, generated per
 * professional as sequential non-overlapping slots inside the working hours (national holidays
 * skipped), so the exclusion constraints of migration 0017 accept every row as it is inserted.
 *
 * No double booking by construction:
 * - professional: one professional's slots are laid end to end by a running sum;
 * - room: every professional has their own room;
 * - client: client index ≡ professional index (mod professionals), so two overlapping appointments
 *   (always of two different professionals) never share a client.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client';
import { nationalHolidayName } from '../packages/server/src/modules/scheduling/calendar';

export const PROFESSIONALS = 160;
export const BIG_CLINIC_PROFESSIONALS = 30;
export const CLINICS = 7; // clinic 0 keeps the demo team; 1 is the 30-professional clinic; 2..6 get 26
const CLIENTS_FULL = 200_000;
const PAST_DAYS_FULL = 1766; // + 60 future days = 5 years
export const FUTURE_DAYS = 60;
/** Clients with no history, for the contended booking (one per booking attempt). */
export const RACER_CLIENTS = 64 * 40;

export type Network = {
  organizationId: string;
  bigClinicId: string;
  bigClinicTimeZone: string;
  receptionistId: string;
  clients: number;
  appointments: number;
  firstDay: string;
  lastDay: string;
  /** Index of the first racer client (clients `clientIdOf(i)` for i >= this are history-free). */
  racerBase: number;
  treatments: { botox: string; filler: string; cleansing: string };
  professionalsInBigClinic: number;
};

/** Deterministic client ids so appointments can name them without a join. */
export const clientIdSql = (idx: string) => `md5('bench-client-' || (${idx})::text)::uuid`;
export function clientIdOf(idx: number): string {
  // Same md5 as SQL, formatted as a uuid.
  const hex = createHash('md5').update(`bench-client-${idx}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const FIRST = [
  'Ana',
  'Maria',
  'Juliana',
  'Fernanda',
  'Camila',
  'Beatriz',
  'Larissa',
  'Patrícia',
  'Aline',
  'Mariana',
  'Gabriela',
  'Letícia',
  'Renata',
  'Carolina',
  'Vanessa',
  'Bruna',
  'Paula',
  'Luana',
  'João',
  'Pedro',
  'Lucas',
  'Rafael',
  'Gustavo',
  'Felipe',
  'Bruno',
  'Thiago',
  'Rodrigo',
  'André',
  'Márcia',
  'Sônia',
];
const LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Araújo',
  'Monteiro',
  'Moura',
];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

type Step = (name: string, summary: string) => void;

export async function generateNetwork(
  database: Database,
  input: { organizationId: string; clinicIds: string[]; now: Date; scale: number; onStep?: Step },
): Promise<Network> {
  const { organizationId, clinicIds, now, scale } = input;
  const log = input.onStep ?? (() => {});
  const q = (text: string) => database.query(sql.raw(text));
  const rows = <T>(text: string) => database.query<T>(sql.raw(text));
  const benchClinics = clinicIds.slice(1, CLINICS);
  if (benchClinics.length < CLINICS - 1) throw new Error(`need ${CLINICS} clinics`);
  const bigClinicId = benchClinics[0] as string;
  const org = `'${organizationId}'::uuid`;
  const nowSql = `'${now.toISOString()}'::timestamptz`;

  // Opening hours of every bench clinic: Mon–Fri 07:00–20:00, Sat 08:00–14:00.
  const opening = JSON.stringify([
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:00', closes: '20:00' })),
    { weekday: 6, opens: '08:00', closes: '14:00' },
  ]);
  await q(
    `update clinics set opening_hours = '${opening}'::jsonb where id in (${benchClinics.map((c) => `'${c}'`).join(',')})`,
  );

  // Professionals: 60% physicians in a consultation room, 40% aestheticians in a cabin.
  await q(`create table bench_professionals (idx int primary key, user_id uuid not null, clinic_id uuid not null,
    room_id uuid not null, role text not null, saturday boolean not null)`);
  const clinicOf = (i: number) =>
    i < BIG_CLINIC_PROFESSIONALS
      ? 0
      : 1 + Math.floor((i - BIG_CLINIC_PROFESSIONALS) / ((PROFESSIONALS - BIG_CLINIC_PROFESSIONALS) / 5));
  const values = Array.from({ length: PROFESSIONALS }, (_, i) => {
    const role = i % 5 < 3 ? 'medico' : 'esteticista';
    return `(${i}, gen_random_uuid(), '${benchClinics[clinicOf(i)]}'::uuid, gen_random_uuid(), '${role}', true)`;
  });
  await q(`insert into bench_professionals values ${values.join(',')}`);
  await q(`insert into users (id, organization_id, email, full_name, status, created_at, updated_at)
    select p.user_id, ${org}, 'bench.prof.' || p.idx || '@clinica.example',
      (${arr(FIRST)})[1 + p.idx % ${FIRST.length}] || ' ' || (${arr(LAST)})[1 + (p.idx * 7) % ${LAST.length}] || ' ' ||
      (${arr(LAST)})[1 + (p.idx * 13 + 5) % ${LAST.length}], 'active', ${nowSql}, ${nowSql}
    from bench_professionals p`);
  await q(`insert into memberships (organization_id, clinic_id, user_id, role)
    select ${org}, clinic_id, user_id, role from bench_professionals`);
  await q(`insert into professional_licences (organization_id, user_id, council, number, uf, status, verification_method,
      last_checked_at, verified_at, created_at, updated_at)
    select ${org}, user_id, 'CRM', (8200000 + idx)::text, 'SP', 'ativa', 'manual', ${nowSql}, ${nowSql}, ${nowSql}, ${nowSql}
    from bench_professionals where role = 'medico'`);
  await q(`insert into rooms (id, organization_id, clinic_id, name, room_type)
    select room_id, ${org}, clinic_id,
      case when role = 'medico' then 'Consultório B' else 'Cabine B' end || lpad(idx::text, 3, '0'),
      case when role = 'medico' then 'consultorio' else 'cabine_estetica' end
    from bench_professionals`);
  for (const [weekdays, start, end, table, satOnly] of [
    ['1,2,3,4,5', '08:00', '19:00', 'working_hours', false],
    ['6', '08:00', '13:00', 'working_hours', true],
    ['1,2,3,4,5', '12:00', '13:00', 'working_breaks', false],
  ] as const) {
    await q(`insert into ${table} (organization_id, clinic_id, professional_id, weekday, start_time, end_time)
      select ${org}, p.clinic_id, p.user_id, w, '${start}', '${end}'
      from bench_professionals p cross join unnest(array[${weekdays}]) w ${satOnly ? 'where p.saturday' : ''}`);
  }
  // A receptionist of the big clinic: the actor of every measured call.
  const [reception] = await rows<{
    id: string;
  }>(`insert into users (organization_id, email, full_name, status)
    values (${org}, 'bench.recepcao@clinica.example', 'Recepção Bench', 'active') returning id`);
  const receptionistId = reception?.id ?? '';
  await q(`insert into memberships (organization_id, clinic_id, user_id, role)
    values (${org}, '${bigClinicId}', '${receptionistId}', 'recepcionista')`);
  log('professionals', `${PROFESSIONALS} profissionais (${BIG_CLINIC_PROFESSIONALS} na clínica maior)`);

  // Treatments from the demo catalog.
  const treatments = await rows<{ id: string; name: string; duration_min: number; buffer_min: number }>(
    `select id, name, duration_min, buffer_min from treatments where organization_id = ${org} and is_active`,
  );
  const find = (prefix: string) => {
    const t = treatments.find((x) => x.name.startsWith(prefix));
    if (!t) throw new Error(`treatment ${prefix} missing`);
    return t;
  };
  const botox = find('Toxina botulínica');
  const filler = find('Preenchimento labial');
  const cleansing = find('Limpeza de pele');

  // Clients: a multiple of the professional count (see the client rule above), plus racers.
  const perProfessional = Math.max(5, Math.floor((CLIENTS_FULL * scale) / PROFESSIONALS));
  const clientCount = perProfessional * PROFESSIONALS;
  const started = performance.now();
  const CHUNK = 50_000;
  for (let from = 0; from < clientCount + RACER_CLIENTS; from += CHUNK) {
    const to = Math.min(clientCount + RACER_CLIENTS, from + CHUNK) - 1;
    await q(`insert into clients (id, organization_id, full_name, birth_date, sex, preferred_channel, created_at, updated_at)
      select ${clientIdSql('i')}, ${org},
        (${arr(FIRST)})[1 + floor(random() * ${FIRST.length})::int] || ' ' ||
        (${arr(LAST)})[1 + floor(random() * ${LAST.length})::int] || ' ' ||
        (${arr(LAST)})[1 + floor(random() * ${LAST.length})::int],
        date '1950-01-01' + floor(random() * 20000)::int, case when random() < 0.82 then 'F' else 'M' end,
        'whatsapp', ${nowSql}, ${nowSql}
      from generate_series(${from}, ${to}) i`);
  }
  log(
    'clients',
    `${clientCount + RACER_CLIENTS} clientes em ${Math.round((performance.now() - started) / 1000)} s`,
  );

  // Appointments, one statement per professional.
  const pastDays = Math.max(7, Math.round(PAST_DAYS_FULL * scale));
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T12:00:00Z`);
  const firstDay = dayString(today - pastDays * DAY);
  const lastDay = dayString(today + FUTURE_DAYS * DAY);
  const holidays: string[] = [];
  for (let d = today - pastDays * DAY; d <= today + FUTURE_DAYS * DAY; d += DAY)
    if (nationalHolidayName(dayString(d))) holidays.push(dayString(d));
  const professionals = await rows<{
    idx: number;
    user_id: string;
    clinic_id: string;
    room_id: string;
    role: string;
    saturday: boolean;
    time_zone: string;
  }>(
    `select p.*, c.time_zone from bench_professionals p join clinics c on c.id = p.clinic_id order by p.idx`,
  );
  const apptStarted = performance.now();
  for (const p of professionals) {
    const options = p.role === 'medico' ? [botox, botox, filler] : [cleansing];
    const ids = `array[${options.map((t) => `'${t.id}'::uuid`).join(',')}]`;
    const lens = `array[${options.map((t) => t.duration_min + t.buffer_min).join(',')}]`;
    const durs = `array[${options.map((t) => t.duration_min).join(',')}]`;
    // Segments in minutes since local midnight: 08:00–12:00 and 13:00–19:00 (Saturday 08:00–13:00).
    await q(`insert into appointments (organization_id, clinic_id, client_id, treatment_id, professional_id, room_id,
        status, starts_at, service_ends_at, ends_at, booked_channel, cancelled_by, cancellation_reason,
        cancelled_late, cancelled_at, created_at, updated_at)
      select ${org}, '${p.clinic_id}'::uuid, client_id, treatment_id, '${p.user_id}'::uuid, '${p.room_id}'::uuid,
        status, starts_at, service_ends_at, ends_at,
        (array['recepcao','recepcao','telefone','whatsapp','online'])[1 + floor(r2 * 5)::int],
        case when status = 'cancelado' then case when r2 < 0.7 then 'cliente' else 'clinica' end end,
        case when status = 'cancelado' then case when r2 < 0.7 then 'Imprevisto pessoal' else 'Reorganização da agenda' end end,
        case when status = 'cancelado' then r2 < 0.2 end,
        case when status = 'cancelado' then starts_at - interval '26 hours' end,
        least(starts_at - interval '3 days', ${nowSql}), least(ends_at, ${nowSql})
      from (
        select *,
          case
            when ends_at <= ${nowSql} then
              case when r < 0.85 then 'concluido' when r < 0.92 then 'faltou' else 'cancelado' end
            when starts_at <= ${nowSql} then 'em_atendimento'
            else case when r < 0.05 then 'cancelado' when r < 0.40 then 'confirmado' else 'agendado' end
          end as status
        from (
          select ${clientIdSql(`${p.idx} + ${PROFESSIONALS} * floor(rc * ${perProfessional})::int`)} as client_id,
            (${ids})[t] as treatment_id, r, r2,
            (d + make_interval(mins => seg_start + off)) at time zone '${p.time_zone}' as starts_at,
            (d + make_interval(mins => seg_start + off + (${durs})[t])) at time zone '${p.time_zone}' as service_ends_at,
            (d + make_interval(mins => seg_start + off + (${lens})[t])) at time zone '${p.time_zone}' as ends_at,
            d, seg_end, off, seg_start, (${lens})[t] as len, keep
          from (
            select *, (sum(gap + (${lens})[t]) over (partition by d, seg_start order by k) - (${lens})[t])::int as off
            from (
              select d, seg_start, seg_end, k, 1 + floor(random() * ${options.length})::int as t,
                case when random() < 0.9 then 0 when random() < 0.6 then 15 else 30 end as gap,
                random() as r, random() as r2, random() as rc, random() as keep
              from (
                select d::timestamp as d, s.seg_start, s.seg_end
                from generate_series(date '${firstDay}', date '${lastDay}', interval '1 day') d
                cross join lateral (values (480, 720, false), (780, 1140, false), (480, 780, true)) s(seg_start, seg_end, sat)
                where not (d::date = any('{${holidays.join(',')}}'::date[]))
                  and ((extract(isodow from d) <= 5 and not s.sat)
                    or (${p.saturday} and extract(isodow from d) = 6 and s.sat))
              ) segs cross join generate_series(1, 14) k
            ) items
          ) placed
        ) timed
        where seg_start + off + len <= seg_end
          and keep < case when d < date '${dayString(today)}' then 0.98
            else greatest(0.2, 0.9 - 0.7 * extract(epoch from d - date '${dayString(today)}') / 86400 / ${FUTURE_DAYS}) end
      ) placed_with_status`);
    if ((p.idx + 1) % 40 === 0) log('appointments', `${p.idx + 1}/${PROFESSIONALS} profissionais`);
  }
  const [count] = await rows<{ n: number }>('select count(*)::int as n from appointments');
  log(
    'appointments',
    `${count?.n ?? 0} atendimentos de ${firstDay} a ${lastDay} em ${Math.round((performance.now() - apptStarted) / 1000)} s`,
  );
  await q('analyze');
  const [big] = await rows<{ time_zone: string }>(
    `select time_zone from clinics where id = '${bigClinicId}'`,
  );
  return {
    organizationId,
    bigClinicId,
    bigClinicTimeZone: big?.time_zone ?? 'America/Sao_Paulo',
    receptionistId,
    clients: clientCount,
    appointments: count?.n ?? 0,
    firstDay,
    lastDay,
    racerBase: clientCount,
    treatments: { botox: botox.id, filler: filler.id, cleansing: cleansing.id },
    professionalsInBigClinic: BIG_CLINIC_PROFESSIONALS,
  };
}
