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
