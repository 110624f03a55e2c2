import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_FIELD_LABELS,
  AUDIT_GROUP_LABELS,
  AUDIT_GROUPS,
  AUDIT_OUTCOME_LABELS,
  AUDIT_OUTCOMES,
  STAFF_ROLE_LABELS,
  type TAuditGroup,
  type TAuditOutcome,
  type TStaffRole,
} from '@clinia/contracts';
import { EmptyState, formatDateTime, SectionCard } from '@clinia/ui';
import { Anchor, Badge, Button, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateField, instantOfLocal } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { accessFieldLabels } from '../clients/access-labels';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';

type TEvent = TRouterOutputs['compliance']['trail']['events'][number];
type TFilters = {
  from: string;
  to: string;
  actorUserId: string | null;
  group: TAuditGroup | null;
  outcome: TAuditOutcome | null;
};
const NO_FILTERS: TFilters = { from: '', to: '', actorUserId: null, group: null, outcome: null };
const PAGE_SIZE = 50;
const OUTCOME_COLOR: Record<TAuditOutcome, string> = { success: 'gray', denied: 'red', failure: 'orange' };

/** The last instant of a clinic-local day (23:59:59.999 there). */
function endOfLocalDay(date: string, timeZone: string): string | null {
  const lastMinute = instantOfLocal(`${date}T23:59`, timeZone);
  return lastMinute ? new Date(Date.parse(lastMinute) + 59_999).toISOString() : null;
}

function roleLabels(roles: string | null): string | null {
  if (!roles) return null;
  return roles
    .split(',')
    .map((role) => STAFF_ROLE_LABELS[role as TStaffRole] ?? role)
    .join(', ');
}

/**
 * The organisation's audit trail, newest first, 50 at a time: who did what to which record, when and
 * from where. Filters: a period in the clinic's days, a person, an area, an outcome.
 */
export function AuditTrail() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const [filters, setFilters] = useState<TFilters>(NO_FILTERS);
  const set = (patch: Partial<TFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const periodInverted = filters.from !== '' && filters.to !== '' && filters.from > filters.to;

  const staff = useQuery({
    ...trpc.staff.list.queryOptions(undefined, { retry: false }),
    enabled: canDo(me, 'staff.read'),
  });
  const input = {
    from: filters.from ? (instantOfLocal(`${filters.from}T00:00`, timeZone) ?? undefined) : undefined,
    to: filters.to ? (endOfLocalDay(filters.to, timeZone) ?? undefined) : undefined,
    actorUserId: filters.actorUserId ?? undefined,
    group: filters.group ?? undefined,
    outcome: filters.outcome ?? undefined,
    limit: PAGE_SIZE,
  };
  const trail = useInfiniteQuery({
    ...trpc.compliance.trail.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
      retry: false,
    }),
    enabled: !periodInverted,
  });
  const events = trail.data?.pages.flatMap((page) => page.events) ?? [];
  const isFiltered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <SectionCard title={t('compliance.trail.title')} icon={<IconHistory size={18} />}>
      <Text size="sm" c="dimmed" mb="md">
        {t('compliance.trail.hint')}
      </Text>
      <Group align="flex-start" gap="sm" mb="md" wrap="wrap">
        <DateField
          label={t('compliance.trail.from')}
          value={filters.from}
          onChange={(from) => set({ from })}
          clearable
          w={140}
          data-testid="trail-from"
        />
        <DateField
          label={t('compliance.trail.to')}
          value={filters.to}
          onChange={(to) => set({ to })}
          clearable
          w={140}
          error={periodInverted ? t('compliance.trail.periodOrder') : undefined}
          data-testid="trail-to"
        />
        <Select
          label={t('compliance.trail.person')}
          placeholder={t('compliance.trail.anyPerson')}
          data={(staff.data ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
          value={filters.actorUserId}
          onChange={(actorUserId) => set({ actorUserId })}
          searchable
          clearable
          w={210}
          data-testid="trail-person"
        />
        <Select
          label={t('compliance.trail.area')}
          placeholder={t('compliance.trail.anyArea')}
          data={AUDIT_GROUPS.map((g) => ({ value: g, label: AUDIT_GROUP_LABELS[g] }))}
          value={filters.group}
          onChange={(group) => set({ group: group as TAuditGroup | null })}
          clearable
          w={220}
          data-testid="trail-area"
        />
        <Select
          label={t('compliance.trail.outcome')}
          placeholder={t('compliance.trail.anyOutcome')}
          data={AUDIT_OUTCOMES.map((o) => ({ value: o, label: AUDIT_OUTCOME_LABELS[o] }))}
          value={filters.outcome}
          onChange={(outcome) => set({ outcome: outcome as TAuditOutcome | null })}
          clearable
          w={140}
          data-testid="trail-outcome"
        />
        {isFiltered ? (
          <Button variant="subtle" mt={25} onClick={() => setFilters(NO_FILTERS)}>
            {t('compliance.trail.clear')}
          </Button>
        ) : null}
      </Group>
      {trail.isError ? (
        <QueryErrorState error={trail.error} onRetry={() => void trail.refetch()} />
      ) : trail.isPending && !periodInverted ? (
        <Skeleton height={320} radius="md" />
      ) : events.length === 0 ? (
        <EmptyState title={t('compliance.trail.empty')} description={t('compliance.trail.emptyHint')} />
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing={6} fz="sm" striped highlightOnHover data-testid="trail-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('compliance.trail.when')}</Table.Th>
                  <Table.Th>{t('compliance.trail.who')}</Table.Th>
                  <Table.Th>{t('compliance.trail.what')}</Table.Th>
                  <Table.Th>{t('compliance.trail.record')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: trail.isPlaceholderData ? 0.6 : 1 }}>
                {events.map((event) => (
                  <TrailRow key={event.seq} event={event} timeZone={timeZone} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('compliance.trail.shown', { count: events.length })}
            </Text>
            {trail.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => void trail.fetchNextPage()}
                loading={trail.isFetchingNextPage}
                data-testid="trail-more"
              >
                {t('compliance.trail.more')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </SectionCard>
  );
}

function TrailRow({ event, timeZone }: { event: TEvent; timeZone: string }) {
  const { t } = useTranslation();
  const fields = event.changedFields
    .map((field) => {
      const asClientField = accessFieldLabels([field], t)[0] ?? field;
      return asClientField !== field ? asClientField : (AUDIT_FIELD_LABELS[field] ?? field);
    })
    .join(', ');
  const entity = AUDIT_ENTITY_LABELS[event.entityType] ?? event.entityType;
  return (
    <Table.Tr data-testid="trail-row" data-action={event.action}>
      <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        <Text size="sm">{formatDateTime(event.occurredAt, timeZone)}</Text>
        {event.ip ? (
          <Text size="xs" c="dimmed" ff="monospace" title={t('compliance.trail.origin')}>
            {event.ip}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {event.actorName ?? t('compliance.trail.system')}
        </Text>
        {event.actorRole ? (
          <Text size="xs" c="dimmed">
            {roleLabels(event.actorRole)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{AUDIT_ACTION_LABELS[event.action] ?? event.action}</Text>
          {event.outcome !== 'success' ? (
            <Badge color={OUTCOME_COLOR[event.outcome]} variant="light" size="sm">
              {AUDIT_OUTCOME_LABELS[event.outcome]}
            </Badge>
          ) : null}
        </Group>
        {fields ? (
          <Text size="xs" c="dimmed">
            {fields}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entity}</Text>
        {event.entityType === 'client' && event.entityId ? (
          <Anchor component={Link} to={`/clientes/${event.entityId}`} size="xs">
            {t('compliance.trail.openClient')}
          </Anchor>
        ) : event.entityId ? (
          <Text size="xs" c="dimmed" ff="monospace">
            {event.entityType === 'action'
              ? event.entityId
              : event.entityId.length > 12
                ? `${event.entityId.slice(0, 8)}…`
                : event.entityId}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
