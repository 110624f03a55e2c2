import { Alert, Badge, Button, Divider, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toFormErrors } from '../../trpc/to-user-error';
import { isProcedureKey, useTRPC } from '../../trpc/trpc';
import { useStepUp } from '../identity/step-up';
import { AccessActions } from './access-actions';
import { AssignmentsEditor, type TClinicOption } from './assignments-editor';
import { LicenceBlock, LicenceEditor } from './licence-section';
import { councilsForRoles, emptyLicenceFields, newAssignmentRow, toAssignments } from './team-forms';
import type { TStaffMember } from './team-types';

export type TStaffDrawerProps = {
  member: TStaffMember | null;
  onClose: () => void;
  clinics: readonly TClinicOption[];
  timeZone: string;
  currentUserId: string;
};

/** A team member, for a manager: roles, licence and its verification, sessions and deactivation. */
export function StaffDrawer({ member, onClose, clinics, timeZone, currentUserId }: TStaffDrawerProps) {
  return (
    <Drawer
      opened={member !== null}
      onClose={onClose}
      position="right"
      size={560}
      padding="lg"
      title={
        member ? (
          <Title order={2} fz={22}>
            {member.fullName}
          </Title>
        ) : null
      }
    >
      {member ? (
        <StaffDetails
          key={member.id}
          member={member}
          clinics={clinics}
          timeZone={timeZone}
          isSelf={member.id === currentUserId}
          onDeactivated={onClose}
        />
      ) : null}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section">
      <Divider label={title} labelPosition="left" styles={{ label: { fontSize: 14, fontWeight: 600 } }} />
      {children}
    </Stack>
  );
}

type TStaffDetailsProps = {
  member: TStaffMember;
  clinics: readonly TClinicOption[];
  timeZone: string;
  isSelf: boolean;
  onDeactivated: () => void;
};

function StaffDetails({ member, clinics, timeZone, isSelf, onDeactivated }: TStaffDetailsProps) {
  const { t } = useTranslation();
  const councils = councilsForRoles(member.assignments.map((a) => a.role));
  const isActive = member.status !== 'deactivated';
  // Clinics the manager does not manage can still appear in the member's roles.
  const clinicOptions = [
    ...clinics,
    ...member.assignments
      .filter((a) => !clinics.some((c) => c.id === a.clinicId))
      .map((a) => ({ id: a.clinicId, name: a.clinicName })),
  ].filter((c, index, all) => all.findIndex((o) => o.id === c.id) === index);

  return (
    <Stack gap="xl" data-testid="staff-drawer">
      <Stack gap={6}>
        <Text c="dimmed">{member.email}</Text>
        <Group gap="xs">
          <Badge
            tt="none"
            variant="light"
            color={member.status === 'active' ? 'sage' : member.status === 'invited' ? 'yellow' : 'stone'}
          >
            {t(`team.status.${member.status}`)}
          </Badge>
          <Badge tt="none" variant="light" color={member.isMfaEnrolled ? 'green' : 'stone'}>
            {member.isMfaEnrolled ? t('team.mfaOn') : t('team.mfaOff')}
          </Badge>
        </Group>
      </Stack>

      {isActive ? (
        <Section title={t('team.drawer.roles')}>
          <RolesEditor member={member} clinics={clinicOptions} isSelf={isSelf} />
        </Section>
      ) : null}

      <Section title={t('team.licence.section')}>
        {member.licences.map((licence) => (
          <LicenceBlock
            key={licence.id}
            licence={licence}
            member={member}
            councils={councils}
            timeZone={timeZone}
          />
        ))}
        {member.licences.length === 0 ? (
          councils.length > 0 ? (
            <LicenceEditor userId={member.id} councils={councils} initial={emptyLicenceFields} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('team.licence.notRequired')}
            </Text>
          )
        ) : null}
      </Section>

      <Section title={t('team.drawer.access')}>
        <AccessActions member={member} isSelf={isSelf} onDeactivated={onDeactivated} />
      </Section>
    </Stack>
  );
}

function RolesEditor({
  member,
  clinics,
  isSelf,
}: {
  member: TStaffMember;
  clinics: readonly TClinicOption[];
  isSelf: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withStepUp = useStepUp();
  const [rows, setRows] = useState(() => member.assignments.map((a) => newAssignmentRow(a.clinicId, a.role)));
  const update = useMutation(trpc.staff.updateRoles.mutationOptions());
  const assignments = toAssignments(rows);
  const original = member.assignments
    .map((a) => `${a.clinicId}:${a.role}`)
    .sort()
    .join('|');
  const isDirty =
    assignments
      .map((a) => `${a.clinicId}:${a.role}`)
      .sort()
      .join('|') !== original;
  const errors = toFormErrors(update.error, t, ['assignments'] as const);
  const isStepUpError = appCodeOf(update.error) === 'STEP_UP_REQUIRED';

  const save = () => {
    withStepUp(() => update.mutateAsync({ userId: member.id, assignments }))
      .then(async () => {
        notifications.show({ color: 'green', message: t('team.drawer.rolesSaved') });
        await queryClient.invalidateQueries(trpc.staff.list.queryFilter());
        if (isSelf) {
          await queryClient.invalidateQueries({ predicate: (q) => isProcedureKey(q.queryKey, 'auth.me') });
        }
      })
      .catch(() => {
        // Shown from `update.error`; a cancelled confirmation needs no message.
      });
  };

  return (
    <Stack gap="sm">
      <AssignmentsEditor
        rows={rows}
        onChange={setRows}
        clinics={clinics}
        error={isStepUpError ? undefined : errors.fields.assignments}
      />
      {errors.form && !isStepUpError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
          {errors.form}
        </Alert>
      ) : null}
      <Group justify="space-between" align="center">
        <Text size="xs" c="dimmed">
          {t('team.drawer.rolesStepUp')}
        </Text>
        <Button onClick={save} loading={update.isPending} disabled={!isDirty || assignments.length === 0}>
          {t('team.drawer.saveRoles')}
        </Button>
      </Group>
    </Stack>
  );
}
