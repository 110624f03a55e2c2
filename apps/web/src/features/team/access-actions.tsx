import { ConfirmDialog } from '@clinia/ui';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import type { TStaffMember } from './team-types';

export type TAccessActionsProps = { member: TStaffMember; isSelf: boolean; onDeactivated: () => void };

/** Ends a member's sessions (lost device) or deactivates the account (confirmed first). */
export function AccessActions({ member, isSelf, onDeactivated }: TAccessActionsProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const revoke = useMutation(
    trpc.auth.revokeUserSessions.mutationOptions({
      onSuccess: (result) =>
        notifications.show({
          color: 'green',
          message: t('team.access.sessionsRevoked', { count: result.revoked }),
        }),
    }),
  );
  const deactivate = useMutation(
    trpc.staff.deactivate.mutationOptions({
      onSuccess: async () => {
        setIsConfirming(false);
        notifications.show({
          color: 'green',
          message: t('team.access.deactivated', { name: member.fullName }),
        });
        await queryClient.invalidateQueries(trpc.staff.list.queryFilter());
        onDeactivated();
      },
    }),
  );

  if (member.status === 'deactivated') {
    return (
      <Text size="sm" c="dimmed">
        {t('team.access.isDeactivated')}
      </Text>
    );
  }

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconLogout size={18} />}
          loading={revoke.isPending}
          onClick={() => revoke.mutate({ userId: member.id })}
        >
          {t('team.access.revokeSessions')}
        </Button>
        {!isSelf ? (
          <Button
            variant="light"
            color="red"
            leftSection={<IconUserOff size={18} />}
            onClick={() => setIsConfirming(true)}
          >
            {t('team.access.deactivate')}
          </Button>
        ) : null}
      </Group>
      {revoke.isError ? (
        <Alert color="red" variant="light" role="alert">
          {toUserError(revoke.error, t)}
        </Alert>
      ) : null}
      <ConfirmDialog
        opened={isConfirming}
        title={t('team.access.confirmTitle', { name: member.fullName })}
        confirmLabel={t('team.access.deactivate')}
        cancelLabel={t('common.cancel')}
        isDangerous
        isLoading={deactivate.isPending}
        error={deactivate.isError ? toUserError(deactivate.error, t) : null}
        onConfirm={() => deactivate.mutate({ userId: member.id })}
        onCancel={() => {
          setIsConfirming(false);
          deactivate.reset();
        }}
      >
        {t('team.access.confirmBody')}
      </ConfirmDialog>
    </Stack>
  );
}
