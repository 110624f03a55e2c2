/**
 * Real Brazilian cities with their UF, area code (DDD), CEP range and IANA time zone, so generated
 * addresses and phones agree with each other. All four Brazilian zones are represented.
 */
export type Place = {
  city: string;
  uf: string;
  ddd: number;
  cepFrom: number;
  cepTo: number;
  timeZone: string;
  weight: number;
};

export const PLACES: readonly Place[] = [
  {
    city: 'São Paulo',
    uf: 'SP',
    ddd: 11,
    cepFrom: 1000000,
    cepTo: 5999999,
    timeZone: 'America/Sao_Paulo',
    weight: 30,
  },
  {
    city: 'Campinas',
    uf: 'SP',
    ddd: 19,
    cepFrom: 13000000,
    cepTo: 13139999,
    timeZone: 'America/Sao_Paulo',
    weight: 4,
  },
  {
    city: 'Rio de Janeiro',
    uf: 'RJ',
    ddd: 21,
    cepFrom: 20000000,
    cepTo: 23799999,
    timeZone: 'America/Sao_Paulo',
    weight: 14,
  },
  {
    city: 'Belo Horizonte',
    uf: 'MG',
    ddd: 31,
    cepFrom: 30000000,
    cepTo: 31999999,
    timeZone: 'America/Sao_Paulo',
    weight: 7,
  },
  {
    city: 'Curitiba',
    uf: 'PR',
    ddd: 41,
    cepFrom: 80000000,
    cepTo: 82999999,
    timeZone: 'America/Sao_Paulo',
    weight: 5,
  },
  {
    city: 'Florianópolis',
    uf: 'SC',
    ddd: 48,
    cepFrom: 88000000,
    cepTo: 88099999,
    timeZone: 'America/Sao_Paulo',
    weight: 3,
  },
  {
    city: 'Porto Alegre',
    uf: 'RS',
    ddd: 51,
    cepFrom: 90000000,
    cepTo: 91999999,
    timeZone: 'America/Sao_Paulo',
    weight: 4,
  },
  {
    city: 'Brasília',
    uf: 'DF',
    ddd: 61,
    cepFrom: 70000000,
    cepTo: 72799999,
    timeZone: 'America/Sao_Paulo',
    weight: 5,
  },
  {
    city: 'Goiânia',
    uf: 'GO',
    ddd: 62,
    cepFrom: 74000000,
    cepTo: 74899999,
    timeZone: 'America/Sao_Paulo',
    weight: 3,
  },
  {
    city: 'Salvador',
    uf: 'BA',
    ddd: 71,
    cepFrom: 40000000,
    cepTo: 42599999,
    timeZone: 'America/Sao_Paulo',
    weight: 5,
  },
  {
    city: 'Recife',
    uf: 'PE',
    ddd: 81,
    cepFrom: 50000000,
    cepTo: 52999999,
    timeZone: 'America/Sao_Paulo',
    weight: 4,
  },
  {
    city: 'Fortaleza',
    uf: 'CE',
    ddd: 85,
    cepFrom: 60000000,
    cepTo: 61599999,
    timeZone: 'America/Sao_Paulo',
    weight: 4,
  },
  {
    city: 'Belém',
    uf: 'PA',
    ddd: 91,
    cepFrom: 66000000,
    cepTo: 66999999,
    timeZone: 'America/Sao_Paulo',
    weight: 2,
  },
  {
    city: 'Manaus',
    uf: 'AM',
    ddd: 92,
    cepFrom: 69000000,
    cepTo: 69099999,
    timeZone: 'America/Manaus',
    weight: 3,
  },
  {
    city: 'Cuiabá',
    uf: 'MT',
    ddd: 65,
    cepFrom: 78000000,
    cepTo: 78109999,
    timeZone: 'America/Cuiaba',
    weight: 1,
  },
  {
    city: 'Rio Branco',
    uf: 'AC',
    ddd: 68,
    cepFrom: 69900000,
    cepTo: 69923999,
    timeZone: 'America/Rio_Branco',
    weight: 1,
  },
  {
    city: 'Fernando de Noronha',
    uf: 'PE',
    ddd: 81,
    cepFrom: 53990000,
    cepTo: 53990000,
    timeZone: 'America/Noronha',
    weight: 0.2,
  },
];
