import { formatDate, formatTime, formatTimeZoneLabel } from '@clinia/ui';
import { Box, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNow } from './use-now';

export type TClinicClockProps = {
  timeZone: string;
};

const tabularNumbers = { fontVariantNumeric: 'tabular-nums' } as const;

/** Today's date and the time as the clinic lives them, whatever zone this computer is set to. */
export function ClinicClock({ timeZone }: TClinicClockProps) {
  const { t } = useTranslation();
  const now = useNow();
  const zone = formatTimeZoneLabel(timeZone);

  return (
    <Tooltip label={zone} withArrow>
      <Box
        component="time"
        dateTime={now.toISOString()}
        aria-label={t('clock.label', { zone })}
        display="flex"
        style={{ alignItems: 'baseline', gap: 12, whiteSpace: 'nowrap' }}
        data-testid="clinic-clock"
      >
        <Text component="span" size="sm" c="dimmed" visibleFrom="xs" style={tabularNumbers}>
          {formatDate(now, timeZone)}
        </Text>
        <Text component="span" size="lg" fw={600} style={tabularNumbers}>
          {formatTime(now, timeZone)}
        </Text>
      </Box>
    </Tooltip>
  );
}
