import type { TAppointment } from '@clinia/contracts';
import { Anchor, Divider, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../trpc/trpc';
import { localDateOf } from '../agenda/agenda-time';
import { RiskActions } from './risk-actions';
import { RiskBadge, RiskFactorList, RiskProvenance } from './risk-badge';

/**
 * The appointment drawer's risk section: band and percentage, the factors, where the score came from,
 * and (for medium and high risk) the same suggested actions as the panel, read from the panel of that day.
 */
export function AppointmentRisk({
  appointment,
  timeZone,
  canAct,
}: {
  appointment: TAppointment;
  timeZone: string;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const risk = appointment.risk;
  const date = localDateOf(appointment.startsAt, timeZone);
  const hasActions = canAct && risk !== null && risk.band !== 'baixo';
  const panel = useQuery(trpc.scheduling.noShowPanel.queryOptions({ date }, { enabled: hasActions }));
  if (!risk) {
    return null;
  }
  const item = panel.data?.items.find((i) => i.appointment.id === appointment.id) ?? null;
  return (
    <Stack gap="sm" data-testid="drawer-risk">
      <Divider label={t('noshow.risk.title')} labelPosition="left" />
      <Group gap="sm">
        <RiskBadge risk={risk} static size="md" />
      </Group>
      <Stack gap={6} data-testid="risk-factors">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('noshow.risk.factors')}
        </Text>
        <RiskFactorList factors={risk.factors} />
      </Stack>
      <RiskProvenance risk={risk} timeZone={timeZone} />
      {hasActions ? (
        panel.isPending ? (
          <Skeleton height={36} />
        ) : item ? (
          <RiskActions actions={item.actions} canAct={canAct} />
        ) : null
      ) : null}
      {hasActions ? (
        <Anchor component={Link} to={`/faltas?dia=${date}`} size="sm">
          {t('noshow.risk.openPanel')}
        </Anchor>
      ) : null}
    </Stack>
  );
}
