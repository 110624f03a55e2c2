import type { TFollowUpProposal, TTreatmentSession, TWarning } from '@clinia/contracts';
import { formatDate, formatTime, SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { formatShortDay, localDateOf } from '../agenda/agenda-time';
import { useInvalidateAgenda } from '../agenda/use-agenda-live';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';

type TFollowUpSlot = TFollowUpProposal['slots'][number];

/** Warnings the server returned instead of booking (minimum interval, qualification to confirm). */
function warningsOf(error: unknown): TWarning[] {
  if (error instanceof TRPCClientError && appCodeOf(error) === 'WARNINGS_NOT_ACKNOWLEDGED') {
    const details = (error.data as { details?: { warnings?: TWarning[] } } | undefined)?.details;
    return details?.warnings ?? [];
  }
  return [];
}

/**
 * "Próximos passos" of a signed session: the 15-day review and the next session of the course, each
 * with the first free agenda slots as chips. Who may book (gestor, recepcionista) books with one tap
 * through agenda.book, like the agenda's booking dialog; warnings are shown and confirmed first.
 */
export function FollowUpsCard({ session }: { session: TTreatmentSession }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidateAgenda = useInvalidateAgenda();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const canBook = canDo(me, 'agenda.book');
  const [pending, setPending] = useState<{ proposal: TFollowUpProposal; slot: TFollowUpSlot } | null>(null);
  const when = (startsAt: string) => ({
    day: formatShortDay(localDateOf(startsAt, timeZone)),
    time: formatTime(startsAt, timeZone),
  });

  const book = useMutation(
    trpc.agenda.book.mutationOptions({
      onSuccess: (result, variables) => {
        // The proposal of the booked chip (the closure's state may predate the tap).
        const proposal = session.followUps.find((f) =>
          f.slots.some((s) => s.startsAt === variables.startsAt),
        );
        void invalidateAgenda();
        void queryClient.invalidateQueries(trpc.sessions.get.queryFilter({ sessionId: session.id }));
        const extra = result.warnings.map((w) => w.message).join(' ');
        notifications.show({
          color: 'sage',
          title: t('sessions.followUps.bookedTitle'),
          message: `${t('sessions.followUps.booked', {
            label: proposal?.label ?? '',
            ...when(result.appointment.startsAt),
          })}${extra ? ` ${extra}` : ''}`,
        });
        setPending(null);
      },
    }),
  );
  const pendingWarnings = warningsOf(book.error);
  const bookError = book.error && pendingWarnings.length === 0 ? toUserError(book.error, t) : null;

  function submit(proposal: TFollowUpProposal, slot: TFollowUpSlot, acknowledgeWarnings: boolean) {
    setPending({ proposal, slot });
    book.mutate({
      clientId: session.clientId,
      treatmentId: session.treatmentId,
      professionalId: slot.professionalId,
      startsAt: slot.startsAt,
      channel: 'recepcao',
      // The review is not another application: the treatment's minimum interval does not hold it.
      purpose: proposal.kind === 'revisao' ? 'revisao' : 'sessao',
      acknowledgeWarnings,
    });
  }

  if (session.followUps.length === 0) {
    return null;
  }
  return (
    <SectionCard title={t('sessions.followUps.title')}>
      <Stack gap="md" data-testid="follow-ups">
        {session.followUps.map((f) => (
          <Stack key={f.kind} gap={6} data-testid={`follow-up-${f.kind}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600} style={{ flex: 1, minWidth: 0 }}>
                {f.label} —{' '}
                {t('sessions.followUps.date', { date: formatDate(`${f.date}T12:00:00Z`, timeZone) })}
              </Text>
              <Button
                size="lg"
                variant="subtle"
                style={{ flexShrink: 0 }}
                component={Link}
                to={`/agenda?data=${f.date}&cliente=${session.clientId}`}
              >
                {t('sessions.followUps.schedule')}
              </Button>
            </Group>
            {f.slots.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('sessions.followUps.noSlots')}
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  {canBook ? t('sessions.followUps.freeSlots') : t('sessions.followUps.freeSlotsReadOnly')}
                </Text>
                <Group gap="xs">
                  {/* Who cannot book sees the free times as information, not as buttons that do nothing. */}
                  {!canBook
                    ? f.slots.map((slot) => (
                        <Badge
                          key={`${slot.startsAt}|${slot.professionalId}`}
                          size="lg"
                          radius="xl"
                          variant="outline"
                          color="gray"
                          tt="none"
                          fw={500}
                          data-testid="follow-up-slot"
                        >
                          {t('sessions.followUps.slot', when(slot.startsAt))}
                        </Badge>
                      ))
                    : null}
                  {(canBook ? f.slots : []).map((slot) => (
                    <Button
                      key={`${slot.startsAt}|${slot.professionalId}`}
                      size="lg"
                      radius="xl"
                      variant="light"
                      disabled={book.isPending}
                      loading={book.isPending && pending?.slot === slot}
                      aria-label={t('sessions.followUps.slotAria', {
                        label: f.label,
                        ...when(slot.startsAt),
                      })}
                      onClick={() => submit(f, slot, false)}
                      data-testid="follow-up-slot"
                    >
                      {t('sessions.followUps.slot', when(slot.startsAt))}
                    </Button>
                  ))}
                </Group>
              </>
            )}
            {pending?.proposal.kind === f.kind && pendingWarnings.length > 0 ? (
              <Alert
                color="yellow"
                icon={<IconAlertTriangle size={18} />}
                title={t('sessions.followUps.warningsTitle')}
              >
                <Stack gap={6}>
                  {pendingWarnings.map((w) => (
                    <Text key={w.message} size="sm">
                      {w.message}
                    </Text>
                  ))}
                  <Group gap="xs">
                    <Button
                      size="md"
                      color="yellow"
                      loading={book.isPending}
                      onClick={() => submit(pending.proposal, pending.slot, true)}
                    >
                      {t('sessions.followUps.bookAnyway')}
                    </Button>
                    <Button
                      size="md"
                      variant="subtle"
                      onClick={() => {
                        book.reset();
                        setPending(null);
                      }}
                    >
                      {t('sessions.followUps.cancel')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
            {pending?.proposal.kind === f.kind && bookError ? (
              <Alert color="red" role="alert" data-testid="follow-up-error">
                {bookError}
              </Alert>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </SectionCard>
  );
}
