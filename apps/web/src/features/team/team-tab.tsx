import { Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconFlask, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useSystemInfo } from '../../shell/use-system-info';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { InviteStaffModal } from './invite-staff-modal';
import { StaffDrawer } from './staff-drawer';
import { TeamTable } from './team-table';

export type TTeamTabProps = {
  /** Managers invite and edit; everyone else reads. */
  canManage: boolean;
};

export function TeamTab({ canManage }: TTeamTabProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const staff = useQuery(trpc.staff.list.queryOptions());
  const isSimulated = useSystemInfo().data?.licenceRegistryMode === 'simulated';
  const [isInviting, setIsInviting] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = staff.data?.find((member) => member.id === selectedId) ?? null;
  const clinics = me.clinics.map((c) => ({ id: c.id, name: c.name }));

  if (staff.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        <Skeleton height={36} width={240} />
        <Skeleton height={320} radius="lg" />
      </Stack>
    );
  }
  if (staff.isError) {
    return (
      <QueryErrorState
        error={staff.error}
        onRetry={() => void staff.refetch()}
        isRetrying={staff.isRefetching}
      />
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="md">
        <Stack gap={2}>
          <Text fw={500}>{t('team.count', { count: staff.data.length })}</Text>
          {isSimulated ? (
            <Group gap={6} c="dimmed" wrap="nowrap">
              <IconFlask size={14} aria-hidden />
              <Text size="xs" data-testid="cfm-simulated">
                {t('team.simulatedRegistry')}
              </Text>
            </Group>
          ) : null}
        </Stack>
        {canManage ? (
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setIsInviting(true)}>
            {t('team.invite.open')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('team.readOnly')}
          </Text>
        )}
      </Group>
      <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
        <TeamTable staff={staff.data} onOpen={canManage ? (member) => setSelectedId(member.id) : undefined} />
      </Paper>
      {canManage ? (
        <>
          <InviteStaffModal
            opened={isInviting}
            onClose={() => setIsInviting(false)}
            clinics={clinics}
            timeZone={timeZone}
          />
          <StaffDrawer
            member={selected}
            onClose={() => setSelectedId(null)}
            clinics={clinics}
            timeZone={timeZone}
            currentUserId={me.userId}
          />
        </>
      ) : null}
    </Stack>
  );
}
