import { canReadClinicalRecord } from '@clinia/contracts';
import { PageHeader } from '@clinia/ui';
import { Alert, Anchor, Badge, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconClipboardHeart,
  IconEye,
  IconHistory,
  IconId,
  IconMessageCircle,
  IconPhoto,
  IconSignature,
  IconStethoscope,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { canDo, useSignedInUser } from '../identity/use-me';
import { MessageTimeline } from '../messaging/message-timeline';
import { PhotosTab } from '../photos/photos-tab';
import { TimelineTab } from '../sessions/timeline-tab';
import { AccessTab } from './access-tab';
import { ConsentsTab } from './consents-tab';
import { DataTab } from './data-tab';
import { HistoryTab } from './history-tab';
import { IntakeTab } from './intake-tab';
import type { TRegisteredState } from './register-client-page';

export const PROFILE_TABS = [
  'dados',
  'anamnese',
  'atendimentos',
  'fotos',
  'consentimentos',
  'historico',
  'mensagens',
  'acessos',
] as const;
type TProfileTab = (typeof PROFILE_TABS)[number];

/** One client: identity and contact (masked, revealable), intake, consents, history, who accessed it. */
export function ClientProfilePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { clientId = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const me = useSignedInUser();
  // The photo tab only for those the server lets see photos (photos.read, with a verified licence).
  const showsPhotos = canDo(me, 'photos.read');
  // The clinical timeline only for those the server lets read it (sessions.timeline.read).
  const showsSessions = canReadClinicalRecord(me);
  const hidden = new Set<TProfileTab>([
    ...(showsPhotos ? [] : (['fotos'] as const)),
    ...(showsSessions ? [] : (['atendimentos'] as const)),
  ]);
  const tabParam = params.get('aba') as TProfileTab | null;
  const tab: TProfileTab =
    tabParam && PROFILE_TABS.includes(tabParam) && !hidden.has(tabParam) ? tabParam : 'dados';
  const client = useQuery(trpc.clients.get.queryOptions({ clientId }, { retry: false }));
  const registered = (location.state ?? null) as TRegisteredState | null;

  if (client.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={40} width={320} radius="md" />
        <Skeleton height={28} radius="sm" />
        <Skeleton height={240} radius="lg" />
      </Stack>
    );
  }
  if (client.isError) {
    return (
      <>
        <PageHeader title={t('clients.profile.title')} />
        <QueryErrorState error={client.error} onRetry={() => void client.refetch()} />
      </>
    );
  }
  const c = client.data;
  const displayName = c.socialName ?? c.fullName;
  return (
    <>
      <Anchor component={Link} to="/clientes" size="sm" mb="xs" display="inline-block">
        {t('clients.profile.back')}
      </Anchor>
      <PageHeader
        title={displayName}
        description={
          <Group gap="xs" component="span">
            {c.socialName ? (
              <Text span size="sm" c="dimmed">
                {t('clients.profile.civilName', { name: c.fullName })}
              </Text>
            ) : null}
            <Text span size="sm" c="dimmed">
              {t('clients.age', { count: c.age })} · {t(`clients.sex.${c.sex}`)} · CPF {c.cpfMasked}
            </Text>
            {c.age < 18 ? <Badge variant="light">{t('clients.profile.minor')}</Badge> : null}
          </Group>
        }
      />
      {registered ? (
        <Alert color="teal" mb="md" data-testid="registered-notice" withCloseButton={false}>
          {t('clients.profile.registered')}
        </Alert>
      ) : null}
      {registered && registered.possibleDuplicateIds.length > 0 ? (
        <Alert
          color="yellow"
          mb="md"
          title={t('clients.profile.duplicateTitle')}
          data-testid="duplicate-warning"
        >
          <Stack gap={4}>
            <Text size="sm">{t('clients.profile.duplicateBody')}</Text>
            {registered.possibleDuplicateIds.map((id, index) => (
              <Anchor key={id} component={Link} to={`/clientes/${id}`} size="sm">
                {t('clients.profile.duplicateLink', { n: index + 1 })}
              </Anchor>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== 'dados' ? { aba: next } : {}, { replace: true })}
        keepMounted={false}
        variant="outline"
        radius="md"
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="dados" leftSection={<IconId size={18} />} py="md">
            {t('clients.tabs.dados')}
          </Tabs.Tab>
          <Tabs.Tab value="anamnese" leftSection={<IconClipboardHeart size={18} />} py="md">
            {t('clients.tabs.anamnese')}
          </Tabs.Tab>
          {showsPhotos ? (
            <Tabs.Tab value="fotos" leftSection={<IconPhoto size={18} />} py="md" data-testid="tab-fotos">
              {t('photos.tab')}
            </Tabs.Tab>
          ) : null}
          {showsSessions ? (
            <Tabs.Tab
              value="atendimentos"
              leftSection={<IconStethoscope size={18} />}
              py="md"
              data-testid="tab-atendimentos"
            >
              {t('sessions.timeline.tab')}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="consentimentos" leftSection={<IconSignature size={18} />} py="md">
            {t('clients.tabs.consentimentos')}
          </Tabs.Tab>
          <Tabs.Tab value="historico" leftSection={<IconHistory size={18} />} py="md">
            {t('clients.tabs.historico')}
          </Tabs.Tab>
          <Tabs.Tab value="mensagens" leftSection={<IconMessageCircle size={18} />} py="md">
            {t('clients.tabs.mensagens')}
          </Tabs.Tab>
          <Tabs.Tab value="acessos" leftSection={<IconEye size={18} />} py="md">
            {t('clients.tabs.acessos')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dados">
          <DataTab client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="anamnese">
          <IntakeTab clientId={c.id} />
        </Tabs.Panel>
        {showsPhotos ? (
          <Tabs.Panel value="fotos">
            <PhotosTab clientId={c.id} />
          </Tabs.Panel>
        ) : null}
        {showsSessions ? (
          <Tabs.Panel value="atendimentos">
            <TimelineTab clientId={c.id} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="consentimentos">
          <ConsentsTab client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="historico">
          <HistoryTab clientId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="mensagens">
          <MessageTimeline clientId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="acessos">
          <AccessTab clientId={c.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
