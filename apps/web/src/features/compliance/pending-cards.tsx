import { Anchor, Card, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../trpc/trpc';
import { canDo, useSignedInUser } from '../identity/use-me';

type TSummary = { count: number; detail: string | null; urgent: boolean };

/** `count` pending, of which `urgent` are past a deadline: says "none" or how many are late. */
function lateSummary(count: number, urgent: number, none: string, late: (count: number) => string): TSummary {
  return { count, detail: count === 0 ? none : urgent > 0 ? late(urgent) : null, urgent: urgent > 0 };
}

/**
 * The obligations with a deadline or a regulator behind them, each counted from the screen that
 * resolves it and linking there. A card shows only to whom may open that screen.
 */
export function PendingCards() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const privacy = useQuery({
    ...trpc.privacy.requests.queryOptions({ includeAnswered: false }, { retry: false }),
    enabled: canDo(me, 'privacy.requests.manage'),
  });
  const staff = useQuery({
    ...trpc.staff.list.queryOptions(undefined, { retry: false }),
    enabled: canDo(me, 'staff.read'),
  });
  const alerts = useQuery({
    ...trpc.inventory.alerts.queryOptions(undefined, { retry: false }),
    enabled: canDo(me, 'inventory.read'),
  });
  const adverse = useQuery({
    ...trpc.inventory.adverseEvents.queryOptions(undefined, { retry: false }),
    enabled: canDo(me, 'inventory.adverse_events.read'),
  });

  const incidents = useQuery({
    ...trpc.compliance.incidents.queryOptions(undefined, { retry: false }),
    enabled: canDo(me, 'incidents.read'),
  });

  const cards: ReactNode[] = [];
  if (canDo(me, 'incidents.read'))
    cards.push(
      <PendingCard
        key="incidents"
        testId="pending-incidents"
        title={t('compliance.pending.incidents')}
        query={incidents}
        summarise={(list) => {
          const waiting = list.filter(
            (i) => i.reportable && i.anpdCommunicatedAt === null && i.status !== 'encerrado',
          );
          return lateSummary(
            waiting.length,
            waiting.filter((i) => i.isOverdue).length,
            t('compliance.pending.incidentsNone'),
            (count) => t('compliance.pending.incidentsOverdue', { count }),
          );
        }}
        link={{ to: '#incidentes', label: t('compliance.pending.incidentsLink') }}
      />,
    );
  if (canDo(me, 'privacy.requests.manage'))
    cards.push(
      <PendingCard
        key="privacy"
        testId="pending-privacy"
        title={t('compliance.pending.privacy')}
        query={privacy}
        summarise={(requests) =>
          lateSummary(
            requests.length,
            requests.filter((r) => r.isOverdue).length,
            t('compliance.pending.privacyNone'),
            (count) => t('compliance.pending.privacyOverdue', { count }),
          )
        }
        link={{ to: '/clientes/solicitacoes', label: t('compliance.pending.privacyLink') }}
      />,
    );
  if (canDo(me, 'staff.read'))
    cards.push(
      <PendingCard
        key="licences"
        testId="pending-licences"
        title={t('compliance.pending.licences')}
        query={staff}
        summarise={(members) => {
          const count = members
            .filter((m) => m.status !== 'deactivated')
            .flatMap((m) => m.licences)
            .filter((l) => l.status !== 'ativa').length;
          return {
            count,
            detail: count === 0 ? t('compliance.pending.licencesNone') : t('compliance.pending.licencesHint'),
            urgent: false,
          };
        }}
        link={{ to: '/configuracoes?aba=equipe', label: t('compliance.pending.licencesLink') }}
      />,
    );
  if (canDo(me, 'inventory.read'))
    cards.push(
      <PendingCard
        key="lots"
        testId="pending-lots"
        title={t('compliance.pending.lots')}
        query={alerts}
        summarise={(data) => {
          const soon = data.expiring.filter((l) => l.expiryBand === 'vencido' || l.expiryBand === 'ate_30');
          return lateSummary(
            soon.length,
            soon.filter((l) => l.expiryBand === 'vencido').length,
            t('compliance.pending.lotsNone'),
            (count) => t('compliance.pending.lotsExpired', { count }),
          );
        }}
        link={{ to: '/estoque?aba=alertas', label: t('compliance.pending.lotsLink') }}
      />,
    );
  if (canDo(me, 'inventory.adverse_events.read'))
    cards.push(
      <PendingCard
        key="adverse"
        testId="pending-adverse"
        title={t('compliance.pending.adverse')}
        query={adverse}
        summarise={(events) => {
          const open = events.filter((e) => e.notifiedAt === null);
          return lateSummary(
            open.length,
            open.filter((e) => e.isOverdue).length,
            t('compliance.pending.adverseNone'),
            (count) => t('compliance.pending.adverseOverdue', { count }),
          );
        }}
        link={{ to: '/estoque?aba=intercorrencias', label: t('compliance.pending.adverseLink') }}
      />,
    );
  if (cards.length === 0) return null;
  return (
    <section aria-label={t('compliance.pending.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: cards.length > 4 ? 3 : 4 }} spacing="md">
        {cards}
      </SimpleGrid>
    </section>
  );
}

type TPendingCardProps<TData> = {
  testId: string;
  title: string;
  query: UseQueryResult<TData, unknown>;
  summarise: (data: TData) => TSummary;
  link: { to: string; label: string };
};

function PendingCard<TData>({ testId, title, query, summarise, link }: TPendingCardProps<TData>) {
  const summary = query.data === undefined ? null : summarise(query.data);
  return (
    <Card withBorder radius="lg" padding="lg" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={500}>
        {title}
      </Text>
      {query.isError ? (
        <Text size="sm" c="red" mt="sm">
          —
        </Text>
      ) : summary === null ? (
        <Skeleton height={36} width={60} mt="sm" />
      ) : (
        <>
          <Text
            fz={32}
            fw={600}
            lh={1.2}
            mt={4}
            c={summary.urgent ? 'red.7' : summary.count > 0 ? undefined : 'dimmed'}
            data-testid={`${testId}-count`}
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {summary.count}
          </Text>
          {summary.detail ? (
            <Text size="sm" c={summary.urgent ? 'red.7' : 'dimmed'} mt={2}>
              {summary.detail}
            </Text>
          ) : null}
        </>
      )}
      {link.to.startsWith('#') ? (
        // An anchor on this page: the browser scrolls to it (a router link would not).
        <Anchor href={link.to} size="sm" mt="sm" display="inline-block">
          {link.label}
        </Anchor>
      ) : (
        <Anchor component={Link} to={link.to} size="sm" mt="sm" display="inline-block">
          {link.label}
        </Anchor>
      )}
    </Card>
  );
}
