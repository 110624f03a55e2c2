import { cnpjCheckDigits, cpfCheckDigits } from '@clinia/contracts';
import { PLACES, type Place } from './places';
import type { Rng } from './random';

/** A synthetic Brazilian person: valid CPF, a mobile with the city's DDD, a real city and CEP range. */
export type DemoPerson = {
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
  timeZone: string;
};

export function pickPlace(rng: Rng): Place {
  const total = PLACES.reduce((acc, p) => acc + p.weight, 0);
  let r = rng.next() * total;
  for (const place of PLACES) {
    r -= place.weight;
    if (r <= 0) return place;
  }
  return PLACES[0] as Place;
}

export function generateCpf(rng: Rng): string {
  let base = '';
  do {
    base = Array.from({ length: 9 }, () => rng.int(0, 9)).join('');
  } while (/^(\d)\1{8}$/.test(base));
  return base + cpfCheckDigits(base);
}

export function generateCnpj(rng: Rng): string {
  const root = Array.from({ length: 8 }, () => rng.int(0, 9)).join('');
  const base = `${root}0001`;
  return base + cnpjCheckDigits(base);
}

// Neighbourhood names found in most Brazilian cities (Faker's pt-BR locale has none).
const DISTRICTS = [
  'Centro',
  'Jardim América',
  'Vila Nova',
  'Boa Vista',
  'Santa Cecília',
  'Bela Vista',
  'Santo Antônio',
  'São José',
  'Cidade Nova',
  'Liberdade',
  'Jardim Europa',
  'Vila Mariana',
  'Aparecida',
  'Jardim das Flores',
  'Parque São Jorge',
  'Alto da Glória',
  'Santa Mônica',
  'Planalto',
  'Jardim Botânico',
  'Vila Rica',
] as const;

const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Adult clientele of an aesthetic clinic: mostly women aged 25–60. E-mails use the reserved
 * example.com domain so demo data can never reach a real inbox.
 */
export function generatePerson(rng: Rng, options: { place?: Place; today?: Date } = {}): DemoPerson {
  const place = options.place ?? pickPlace(rng);
  const sex = rng.chance(0.82) ? 'F' : 'M';
  const first = rng.faker.person.firstName(sex === 'F' ? 'female' : 'male');
  const last1 = rng.faker.person.lastName();
  const last2 = rng.faker.person.lastName();
  const name = rng.chance(0.6) ? `${first} ${last1} ${last2}` : `${first} ${last1}`;
  const today = options.today ?? new Date('2026-11-25T12:00:00Z');
  const age = rng.chance(0.03) ? rng.int(14, 17) : rng.int(19, 72);
  const birth = new Date(Date.UTC(today.getUTCFullYear() - age, rng.int(0, 11), rng.int(1, 28)));
  const cep = String(rng.int(place.cepFrom, place.cepTo)).padStart(8, '0');
  return {
    name,
    socialName: rng.chance(0.01)
      ? `${rng.faker.person.firstName(sex === 'F' ? 'male' : 'female')} ${last1}`
      : null,
    sex,
    birthDate: birth.toISOString().slice(0, 10),
    cpf: generateCpf(rng),
    mobile: `+55${place.ddd}9${rng.int(6000, 9999)}${String(rng.int(0, 9999)).padStart(4, '0')}`,
    email: `${strip(first)}.${strip(last1)}${rng.int(1, 999)}@example.com`,
    address: {
      street: rng.faker.location.street(),
      number: String(rng.int(1, 3500)),
      ...(rng.chance(0.4) ? { complement: `Apto ${rng.int(11, 1804)}` } : {}),
      district: rng.pick(DISTRICTS),
      city: place.city,
      uf: place.uf,
      cep,
    },
    timeZone: place.timeZone,
  };
}

/** Moves a minor's birth date 20 years back: the seeded clients are adults (minors need guardians). */
export function adultBirthDate(birthDate: string, today: Date): string {
  const eighteenYearsAgo = `${today.getUTCFullYear() - 18}${today.toISOString().slice(4, 10)}`;
  return birthDate > eighteenYearsAgo
    ? `${Number(birthDate.slice(0, 4)) - 20}${birthDate.slice(4)}`
    : birthDate;
}
