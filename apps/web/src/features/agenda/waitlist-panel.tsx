import { formatTime } from '@clinia/ui';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { formatShortDay, localDateOf } from './agenda-time';
import { useInvalidateAgenda } from './use-agenda-live';

type TEntry = TRouterOutputs['agenda']['waitlist'][number];

export type TWaitlistPanelProps = {
  timeZone: string;
  canManage: boolean;
  professionals: readonly { id: string; fullName: string }[];
};

/** Seconds left, refreshed every second while an offer is on hold. */
function useCountdown(expiresAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => {
    if (expiresAt) {
      interval.start();
    }
    return interval.stop;
  }, [expiresAt, interval.start, interval.stop]);
  return expiresAt ? Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1000)) : null;
}

function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** The waitlist: who waits for what, and the slot offered to each with its hold running down. */
export function WaitlistPanel({ timeZone, canManage, professionals }: TWaitlistPanelProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const waitlist = useQuery(trpc.agenda.waitlist.queryOptions());
  const entries = (waitlist.data ?? []).filter(
    (e) => e.status === 'aguardando' || e.status === 'oferta_pendente',
  );
  // Offers first: they are the ones with a clock running.
  entries.sort((a, b) => Number(b.status === 'oferta_pendente') - Number(a.status === 'oferta_pendente'));

  return (
    <Paper withBorder radius="md" p="sm" data-testid="waitlist-panel">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('agenda.waitlist.title')}</Text>
        <Badge variant="light" color="gray">
          {entries.length}
        </Badge>
      </Group>
      {waitlist.isPending ? (
        <Skeleton height={80} />
      ) : waitlist.isError ? (
        <Alert color="red">{toUserError(waitlist.error, t)}</Alert>
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agenda.waitlist.empty')}
        </Text>
      ) : (
        <Stack gap="xs" style={{ maxHeight: 'calc(100dvh - 300px)', overflowY: 'auto' }}>
          {entries.map((entry) => (
            <WaitlistEntry
              key={entry.id}
              entry={entry}
              timeZone={timeZone}
              canManage={canManage}
              professionalName={professionals.find((p) => p.id === entry.professionalId)?.fullName ?? null}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function WaitlistEntry({
  entry,
  timeZone,
  canManage,
  professionalName,
}: {
  entry: TEntry;
  timeZone: string;
  canManage: boolean;
  professionalName: string | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateAgenda = useInvalidateAgenda();
  const offer = entry.offer?.status === 'pendente' ? entry.offer : null;
  const seconds = useCountdown(offer?.expiresAt ?? null);
  const accept = useMutation(
    trpc.agenda.acceptOffer.mutationOptions({ onSettled: () => void invalidateAgenda() }),
  );
  const decline = useMutation(
    trpc.agenda.declineOffer.mutationOptions({ onSettled: () => void invalidateAgenda() }),
  );
  const remove = useMutation(
    trpc.agenda.waitlistRemove.mutationOptions({ onSettled: () => void invalidateAgenda() }),
  );
  const error = accept.error ?? decline.error ?? remove.error;

  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      data-testid="waitlist-entry"
      data-status={entry.status}
      style={
        offer
          ? { borderColor: 'var(--mantine-color-sage-5)', background: 'var(--mantine-color-sage-0)' }
          : undefined
      }
    >
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600} truncate="end">
          {entry.clientName}
        </Text>
        {canManage && !offer ? (
          <Tooltip label={t('agenda.waitlist.remove')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('agenda.waitlist.remove')}
              loading={remove.isPending}
              onClick={() => remove.mutate({ id: entry.id })}
            >
              <IconX size={14} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" truncate="end">
        {entry.treatmentName}
        {professionalName ? ` · ${professionalName}` : ''}
      </Text>
      {offer ? (
        <Stack gap={4} mt={6} data-testid="waitlist-offer">
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('agenda.waitlist.offered', {
              date: formatShortDay(localDateOf(offer.startsAt, timeZone)),
              time: formatTime(offer.startsAt, timeZone),
            })}
          </Text>
          <Text
            size="xs"
            c={seconds !== null && seconds < 300 ? 'red.7' : 'dimmed'}
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {seconds === 0
              ? t('agenda.waitlist.expired')
              : t('agenda.waitlist.holdLeft', { time: formatCountdown(seconds ?? 0) })}
          </Text>
          {canManage && seconds !== 0 ? (
            <Group gap={6}>
              <Button
                size="compact-sm"
                loading={accept.isPending}
                onClick={() => accept.mutate({ id: offer.id })}
                data-testid="waitlist-accept"
              >
                {t('agenda.waitlist.accept')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                loading={decline.isPending}
                onClick={() => decline.mutate({ id: offer.id })}
              >
                {t('agenda.waitlist.decline')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {t('agenda.waitlist.waitingSince', {
            date: formatShortDay(localDateOf(entry.createdAt, timeZone)),
          })}
        </Text>
      )}
      {error ? (
        <Text size="xs" c="red.7" role="alert">
          {toUserError(error, t)}
        </Text>
      ) : null}
    </Paper>
  );
}
