import { REQUEST_KINDS } from '@clinia/contracts';
import { formatDate } from '@clinia/ui';
import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { type TRouterInputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';

type TKind = TRouterInputs['privacy']['createRequest']['kind'];
const FIELDS = ['kind', 'requester', 'representativeName', 'identityVerification'] as const;

export type TNewRequestModalProps = {
  opened: boolean;
  onClose: () => void;
  clientId: string;
  clientName: string;
  hasGuardian: boolean;
};

/** Registers a data-subject request (LGPD art. 18) with how the requester's identity was checked. */
export function NewRequestModal({
  opened,
  onClose,
  clientId,
  clientName,
  hasGuardian,
}: TNewRequestModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [kind, setKind] = useState<TKind | null>(null);
  const [requester, setRequester] = useState<'titular' | 'representante_legal'>(
    hasGuardian ? 'representante_legal' : 'titular',
  );
  const [representativeName, setRepresentativeName] = useState('');
  const [identityVerification, setIdentityVerification] = useState('');
  const [kindError, setKindError] = useState<string | null>(null);
  const create = useMutation(
    trpc.privacy.createRequest.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.privacy.requests.pathFilter()),
    }),
  );
  const errors = toFormErrors(create.error, t, FIELDS);
  const close = () => {
    onClose();
    create.reset();
    setKind(null);
    setIdentityVerification('');
    setRepresentativeName('');
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={600}>{t('clients.requests.newTitle')}</Text>}
      size="lg"
      radius="lg"
      padding="lg"
      centered
    >
      {create.isSuccess ? (
        <Stack gap="md">
          <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="request-created">
            {t('clients.requests.created', { date: formatDate(create.data.dueAt, timeZone) })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('clients.requests.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!kind) {
              setKindError(t('clients.requests.kindRequired'));
              return;
            }
            create.mutate({
              clientId,
              kind,
              requester,
              identityVerification,
              ...(requester === 'representante_legal' ? { representativeName } : {}),
            });
          }}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('clients.requests.newHint', { name: clientName })}
            </Text>
            <Select
              size="md"
              label={t('clients.requests.kind')}
              placeholder={t('clients.requests.kindPlaceholder')}
              data={REQUEST_KINDS.map((k) => ({ value: k, label: t(`clients.requests.kinds.${k}`) }))}
              value={kind}
              onChange={(value) => {
                setKind(value as TKind | null);
                setKindError(null);
              }}
              error={kindError ?? errors.fields.kind}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="request-kind"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('clients.requests.requester')}
              </Text>
              <SegmentedControl
                size="md"
                value={requester}
                onChange={(value) => setRequester(value as typeof requester)}
                data={[
                  { value: 'titular', label: t('clients.requests.requesters.titular') },
                  {
                    value: 'representante_legal',
                    label: t('clients.requests.requesters.representante_legal'),
                  },
                ]}
              />
            </Stack>
            {requester === 'representante_legal' ? (
              <TextInput
                size="md"
                label={t('clients.requests.representativeName')}
                value={representativeName}
                onChange={(event) => setRepresentativeName(event.currentTarget.value)}
                error={errors.fields.representativeName}
              />
            ) : null}
            <Textarea
              size="md"
              label={t('clients.requests.identity')}
              description={t('clients.requests.identityHint')}
              autosize
              minRows={2}
              value={identityVerification}
              onChange={(event) => setIdentityVerification(event.currentTarget.value)}
              error={errors.fields.identityVerification}
            />
            {errors.form ? (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('clients.requests.deadlineNote')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('clients.requests.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('clients.requests.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
