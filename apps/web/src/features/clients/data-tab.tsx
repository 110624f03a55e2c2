import { DetailList, formatDate, SectionCard } from '@clinia/ui';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconId, IconScale } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import type { TClientProfile } from './client-types';
import { NewRequestModal } from './new-request-modal';

type TRevealField = 'cpf' | 'mobile' | 'email' | 'address' | 'emergencyContact';

/** Identity and contact, masked; a permitted role reveals one field at a time, each reveal audited. */
export function DataTab({ client }: { client: TClientProfile }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const [revealed, setRevealed] = useState<Partial<Record<TRevealField, string>>>({});
  const [requestOpen, setRequestOpen] = useState(false);
  const reveal = useMutation(trpc.clients.reveal.mutationOptions());

  const revealable = (field: TRevealField, masked: string | null, present = true) => {
    const value = revealed[field];
    if (value !== undefined) {
      return (
        <Text
          span
          size="sm"
          fw={500}
          data-testid={`revealed-${field}`}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {value || '—'}
        </Text>
      );
    }
    return (
      <Group gap="sm" wrap="nowrap">
        <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {present ? (masked ?? t('clients.data.hidden')) : '—'}
        </Text>
        {present && client.canReveal ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconEye size={16} />}
            loading={reveal.isPending && reveal.variables?.field === field}
            onClick={() =>
              reveal.mutate(
                { clientId: client.id, field },
                { onSuccess: (result) => setRevealed((r) => ({ ...r, [field]: result.value })) },
              )
            }
            aria-label={t('clients.data.revealLabel', { field: t(`clients.data.fields.${field}`) })}
          >
            {t('clients.data.reveal')}
          </Button>
        ) : null}
      </Group>
    );
  };

  return (
    <Stack gap="lg">
      <SectionCard title={t('clients.data.title')} icon={<IconId size={18} />}>
        <DetailList
          labelWidth={190}
          items={[
            { id: 'fullName', label: t('clients.fields.fullName'), value: client.fullName },
            { id: 'socialName', label: t('clients.fields.socialName'), value: client.socialName ?? '—' },
            { id: 'cpf', label: t('clients.fields.cpf'), value: revealable('cpf', client.cpfMasked) },
            {
              id: 'birthDate',
              label: t('clients.fields.birthDate'),
              value: `${formatDate(`${client.birthDate}T12:00:00Z`, 'UTC')} (${t('clients.age', { count: client.age })})`,
            },
            { id: 'sex', label: t('clients.fields.sex'), value: t(`clients.sex.${client.sex}`) },
            { id: 'gender', label: t('clients.fields.gender'), value: client.gender ?? '—' },
            {
              id: 'mobile',
              label: t('clients.fields.mobile'),
              value: revealable('mobile', client.mobileMasked),
            },
            {
              id: 'email',
              label: t('clients.fields.email'),
              value: revealable('email', client.emailMasked, client.emailMasked !== null),
            },
            {
              id: 'address',
              label: t('clients.data.fields.address'),
              value: revealable('address', null, client.hasAddress),
            },
            {
              id: 'emergencyContact',
              label: t('clients.data.fields.emergencyContact'),
              value: revealable('emergencyContact', null, client.hasEmergencyContact),
            },
            {
              id: 'preferredChannel',
              label: t('clients.fields.preferredChannel'),
              value: t(`clients.channels.${client.preferredChannel}`),
            },
            {
              id: 'guardian',
              label: t('clients.fields.guardian'),
              value: client.guardian ? (
                <Anchor component={Link} to={`/clientes/${client.guardian.id}`} size="sm">
                  {client.guardian.fullName}
                </Anchor>
              ) : (
                '—'
              ),
            },
            {
              id: 'createdAt',
              label: t('clients.data.createdAt'),
              value: formatDate(client.createdAt, timeZone),
            },
          ]}
        />
        {reveal.isError ? (
          <Alert color="red" mt="md" role="alert">
            {toUserError(reveal.error, t)}
          </Alert>
        ) : null}
        <Text size="xs" c="dimmed" mt="md">
          {client.canReveal ? t('clients.data.revealNote') : t('clients.data.maskedNote')}
        </Text>
      </SectionCard>
      <SectionCard
        title={t('clients.data.rightsTitle')}
        icon={<IconScale size={18} />}
        aside={
          <Button variant="light" onClick={() => setRequestOpen(true)} data-testid="open-request">
            {t('clients.requests.new')}
          </Button>
        }
      >
        <Text size="sm" c="dimmed">
          {t('clients.data.rightsHint')}
        </Text>
      </SectionCard>
      <NewRequestModal
        opened={requestOpen}
        onClose={() => setRequestOpen(false)}
        clientId={client.id}
        clientName={client.fullName}
        hasGuardian={client.guardian !== null}
      />
    </Stack>
  );
}
