import { formatCnpj } from '@clinia/contracts';
import type { TRouterOutputs } from '../../trpc/trpc';

export type TClinicSettings = TRouterOutputs['organizations']['clinicSettings'];

/** "Avenida Souza, 2946, Sala 209 – Planalto, São Paulo/SP, CEP 03400-347" */
export function formatAddress(address: TClinicSettings['address']): string {
  const street = [address.street, address.number, address.complement].filter(Boolean).join(', ');
  const cep = address.cep.replace(/^(\d{5})(\d{3})$/, '$1-$2');
  return `${street} – ${address.district}, ${address.city}/${address.uf}, CEP ${cep}`;
}

export function formatClinicCnpj(cnpj: string): string {
  return formatCnpj(cnpj);
}
