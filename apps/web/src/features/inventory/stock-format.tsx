import { EXPIRY_BAND_LABELS, LOT_STATUS_LABELS, type TExpiryBand, type TLotStatus } from '@clinia/contracts';
import { Badge } from '@mantine/core';

/** Expiry colours: red expired or ≤ 30 days, orange ≤ 60, yellow ≤ 90, green beyond. */
export const EXPIRY_COLORS: Record<TExpiryBand, string> = {
  vencido: 'red',
  ate_30: 'red',
  ate_60: 'orange',
  ate_90: 'yellow',
  ok: 'teal',
};

/** Badges in dense tables keep their whole text (Mantine's label would ellipsise in a narrow cell). */
export const BADGE_STYLES = { label: { overflow: 'visible' } } as const;

const STATUS_COLORS: Record<TLotStatus, string> = { ativo: 'gray', quarentena: 'orange', recolhido: 'red' };

export const numeric = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

export function formatQuantity(value: number): string {
  return value.toLocaleString('pt-BR', { maximumFractionDigits: 3 });
}

const COUNT_UNIT_PLURALS: Record<string, string> = {
  seringa: 'seringas',
  frasco: 'frascos',
  ampola: 'ampolas',
  unidade: 'unidades',
};

/**
 * A quantity with its unit as a receptionist reads it: "1 seringa", "6 seringas", "1.200 U", "5.000 g".
 * Count nouns take the plural from 2 up (and for zero), as in pt-BR ("1,5 frasco", "0 frascos").
 */
export function formatAmount(value: number, unit: string): string {
  const abs = Math.abs(value);
  const plural = COUNT_UNIT_PLURALS[unit];
  const word = plural && (abs >= 2 || abs === 0) ? plural : unit;
  return `${formatQuantity(value)} ${word}`;
}

export function brDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}

export function ExpiryBadge({ band, date }: { band: TExpiryBand; date: string }) {
  return (
    <Badge
      styles={BADGE_STYLES}
      color={EXPIRY_COLORS[band]}
      variant={band === 'ok' ? 'light' : 'filled'}
      title={EXPIRY_BAND_LABELS[band]}
      tt="none"
      style={numeric}
    >
      {brDate(date)}
    </Badge>
  );
}

export function LotStatusBadge({ status }: { status: TLotStatus }) {
  return (
    <Badge
      styles={BADGE_STYLES}
      color={STATUS_COLORS[status]}
      variant={status === 'ativo' ? 'outline' : 'filled'}
      tt="none"
    >
      {LOT_STATUS_LABELS[status]}
    </Badge>
  );
}
