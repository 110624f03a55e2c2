import { formatIsoDate, formatTime, SectionCard } from '@clinia/ui';
import { Button, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useNow } from '../../shell/use-now';
import { useTRPC } from '../../trpc/trpc';
import { formatLongDate, shiftDate } from '../agenda/agenda-time';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';
import { NoShowAgendaEntry } from '../prediction/noshow-entry';
import { RiskBadge } from '../prediction/risk-badge';
import { summarizeToday, TODAY_GROUPS } from './today-summary';

/**
 * The day at a glance for whoever reads the agenda (a professional sees their own): how many
 * appointments, how many still to confirm, who is in the clinic, and the next arrivals. Whoever may not
 * read the agenda (a data protection officer, a professional whose licence is not verified yet) does
 * not get the card.
 */
export function TodayCard() {
  const me = useSignedInUser();
  // Asked only of who may read the agenda: a refused call would be audited as a denied access.
  return canDo(me, 'agenda.read') ? <TodayCardBody seesRisk={canDo(me, 'agenda.noshow.read')} /> : null;
}

function TodayCardBody({ seesRisk }: { seesRisk: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const now = useNow();
  const date = formatIsoDate(now, timeZone);
  const day = useQuery(trpc.agenda.day.queryOptions({ date, includeFreed: true }, { retry: false }));
  const summary = day.data ? summarizeToday(day.data.appointments, now) : null;
  return (
    <SectionCard
      title={t('home.today.title')}
      icon={<IconCalendarEvent size={18} />}
      aside={
        <Text size="sm" c="dimmed">
          {formatLongDate(date)}
        </Text>
      }
    >
      <div data-testid="home-today">
        {day.isPending ? <Skeleton height={120} radius="md" /> : null}
        {day.isError ? <QueryErrorState error={day.error} onRetry={() => void day.refetch()} /> : null}
        {summary && summary.total === 0 ? (
          <Stack gap="sm" align="flex-start">
            <Text c="dimmed">{t('home.today.empty')}</Text>
            <Button component={Link} to="/agenda" variant="light">
              {t('home.today.openAgenda')}
            </Button>
          </Stack>
        ) : null}
        {summary && summary.total > 0 ? (
          <Stack gap="lg">
            <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
              <Text fw={600} size="xl" data-testid="home-today-total">
                {t('home.today.total', { count: summary.total })}
              </Text>
              <Group gap="sm">
                {seesRisk ? <NoShowAgendaEntry tomorrow={shiftDate(date, 1)} /> : null}
                <Button component={Link} to="/agenda" variant="default">
                  {t('home.today.openAgenda')}
                </Button>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
              {TODAY_GROUPS.map((group) => {
                // Unarrived past appointments need the desk: an arrival or a no-show to record.
                const needsDesk = group === 'overdue' && summary.counts.overdue > 0;
                return (
                  <Stack
                    key={group}
                    gap={2}
                    p="sm"
                    data-testid={`home-today-${group}`}
                    style={{
                      borderRadius: 10,
                      border: `1px solid var(--mantine-color-${needsDesk ? 'orange-4' : 'gray-3'})`,
                      background: needsDesk ? 'var(--mantine-color-orange-0)' : undefined,
                    }}
                  >
                    <Text size="xs" c="dimmed">
                      {t(`home.today.groups.${group}`)}
                    </Text>
                    <Text fw={600} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {summary.counts[group]}
                    </Text>
                  </Stack>
                );
              })}
            </SimpleGrid>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('home.today.upcoming')}
              </Text>
              {summary.upcoming.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('home.today.noUpcoming')}
                </Text>
              ) : (
                <Stack gap={0} data-testid="home-today-upcoming">
                  {summary.upcoming.map((a) => (
                    <Group
                      key={a.id}
                      wrap="nowrap"
                      gap="md"
                      py={8}
                      data-testid="home-today-appointment"
                      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                    >
                      <Text fw={600} w={48} style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}>
                        {formatTime(a.startsAt, timeZone)}
                      </Text>
                      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          {a.clientName}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {a.treatmentName} · {a.professionalName}
                        </Text>
                      </Stack>
                      <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                        {a.status === 'confirmado' ? t('home.today.confirmed') : t('home.today.notConfirmed')}
                      </Text>
                      {seesRisk && a.risk && a.risk.band !== 'baixo' ? (
                        <RiskBadge risk={a.risk} size="sm" />
                      ) : null}
                    </Group>
                  ))}
                </Stack>
              )}
            </Stack>
          </Stack>
        ) : null}
      </div>
    </SectionCard>
  );
}
