import type { TAppointmentRisk, TRiskBand, TRiskFactor } from '@clinia/contracts';
import { formatDateTime } from '@clinia/ui';
import { Badge, Box, Group, Popover, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { factorArrow, formatRiskPercent, topFactors } from './risk-format';

/**
 * Calm colours: only 'alto' is reddish, and lightly; 'medio' is an outlined warm tone so a busy day of
 * medium risks does not look alarming; 'baixo' (drawer only) is plain grey.
 */
const BAND_STYLE: Record<TRiskBand, { background: string; border: string; color: string }> = {
  alto: {
    background: 'var(--mantine-color-red-0)',
    border: 'var(--mantine-color-red-3)',
    color: 'var(--mantine-color-red-9)',
  },
  medio: {
    background: 'var(--mantine-color-white)',
    border: 'var(--mantine-color-orange-3)',
    color: 'var(--mantine-color-orange-9)',
  },
  baixo: {
    background: 'var(--mantine-color-white)',
    border: 'var(--mantine-color-stone-3)',
    color: 'var(--mantine-color-stone-7)',
  },
};

const FACTORS_SHOWN = 4;

/** "Risco alto 42%". */
export function useRiskLabel() {
  const { t } = useTranslation();
  return (risk: Pick<TAppointmentRisk, 'band' | 'score'>) =>
    t(`noshow.risk.badge.${risk.band}`, { percent: formatRiskPercent(risk.score) });
}

/** The pt-BR factor texts with ↑ (raises) / ↓ (lowers), strongest first. */
export function RiskFactorList({
  factors,
  limit = FACTORS_SHOWN,
  size = 'sm',
}: {
  factors: readonly TRiskFactor[];
  limit?: number;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const shown = topFactors(factors, limit);
  if (shown.length === 0) {
    return (
      <Text size={size} c="dimmed">
        {t('noshow.risk.noFactors')}
      </Text>
    );
  }
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {shown.map((factor) => (
        <Group key={factor.feature} gap={6} wrap="nowrap" align="flex-start" component="li">
          <Text
            size={size}
            fw={700}
            c={factor.direction === 'raises' ? 'red.7' : 'sage.7'}
            aria-label={factor.direction === 'raises' ? t('noshow.risk.raises') : t('noshow.risk.lowers')}
            lh={1.4}
          >
            {factorArrow(factor.direction)}
          </Text>
          <Text size={size} lh={1.4}>
            {factor.text}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Which model produced the score, and when: "Modelo v3, calculado em 02/12/2026 18:40." */
export function RiskProvenance({ risk, timeZone }: { risk: TAppointmentRisk; timeZone: string }) {
  const { t } = useTranslation();
  const when = formatDateTime(risk.computedAt, timeZone);
  return (
    <Text size="xs" c="dimmed">
      {risk.modelVersion === null
        ? t('noshow.risk.fallback', { when })
        : t('noshow.risk.model', { version: risk.modelVersion, when })}
    </Text>
  );
}

export type TRiskBadgeProps = {
  risk: TAppointmentRisk;
  /** On a narrow agenda card: the percentage only; the band is in the colour and the popover. */
  compact?: boolean;
  /** Without the hover/tap popover (where the factors are already on screen). */
  static?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** xs on agenda cards; larger where there is room (panel, drawer). */
  size?: 'xs' | 'sm' | 'md';
};

/**
 * The risk badge. Hover (mouse) or tap (touch) opens the factors; pointer events stop here so a tap on
 * the badge of an agenda card neither opens the appointment nor starts a drag.
 */
export function RiskBadge({
  risk,
  compact = false,
  static: isStatic = false,
  onOpenChange,
  size = 'xs',
}: TRiskBadgeProps) {
  const { t } = useTranslation();
  const label = useRiskLabel()(risk);
  const [opened, setOpened] = useState(false);
  const lastPointer = useRef<string>('mouse');
  const style = BAND_STYLE[risk.band];
  const setOpen = (next: boolean) => {
    setOpened(next);
    onOpenChange?.(next);
  };
  const badge = (
    <Badge
      size={size}
      radius="sm"
      variant="outline"
      data-testid="risk-badge"
      data-band={risk.band}
      aria-label={label}
      style={{
        textTransform: 'none',
        fontVariantNumeric: 'tabular-nums',
        flex: 'none',
        // Never truncated to "Risco mé…": the badge keeps its whole text wherever it sits.
        minWidth: 'max-content',
        cursor: isStatic ? undefined : 'help',
        background: style.background,
        borderColor: style.border,
        color: style.color,
      }}
    >
      {compact ? formatRiskPercent(risk.score) : label}
    </Badge>
  );
  if (isStatic) {
    return badge;
  }
  return (
    <Popover opened={opened} onChange={setOpen} position="bottom-start" withArrow shadow="md" width={300}>
      <Popover.Target>
        <Box
          component="span"
          role="button"
          tabIndex={0}
          aria-haspopup="dialog"
          aria-expanded={opened}
          aria-label={t('noshow.risk.factors')}
          style={{ display: 'inline-flex', flex: 'none', pointerEvents: 'auto' }}
          onPointerEnter={(event) => {
            if (event.pointerType === 'mouse') {
              setOpen(true);
            }
          }}
          onPointerLeave={(event) => {
            if (event.pointerType === 'mouse') {
              setOpen(false);
            }
          }}
          onPointerDown={(event) => {
            lastPointer.current = event.pointerType;
            event.stopPropagation();
          }}
          onPointerUp={(event) => event.stopPropagation()}
          onClick={(event) => {
            event.stopPropagation();
            // A mouse already opened it on hover; a tap toggles it.
            setOpen(lastPointer.current === 'mouse' ? true : !opened);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              event.stopPropagation();
              setOpen(!opened);
            }
          }}
        >
          {badge}
        </Box>
      </Popover.Target>
      {/* React events bubble through portals: keep presses here from reaching the agenda card. */}
      <Popover.Dropdown
        data-testid="risk-factors"
        onPointerDown={(event) => event.stopPropagation()}
        onPointerUp={(event) => event.stopPropagation()}
        onClick={(event) => event.stopPropagation()}
      >
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('noshow.risk.factors')}
          </Text>
          <RiskFactorList factors={risk.factors} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
