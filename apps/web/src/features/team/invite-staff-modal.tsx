import type { TLicenceInput } from '@clinia/contracts';
import { CopyField, formatDateTime } from '@clinia/ui';
import { Alert, Button, Divider, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCopy, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { AssignmentsEditor, type TClinicOption } from './assignments-editor';
import { LicenceFields } from './licence-fields';
import {
  councilsForRoles,
  emptyLicenceFields,
  newAssignmentRow,
  pickCouncil,
  type TAssignmentRow,
  type TLicenceFields,
  toAssignments,
  toLicenceInput,
} from './team-forms';

const FIELDS = [
  'fullName',
  'email',
  'assignments',
  'licence.council',
  'licence.number',
  'licence.uf',
  'licence.specialties',
  'licence.rqe',
] as const;

export type TInviteStaffModalProps = {
  opened: boolean;
  onClose: () => void;
  clinics: readonly TClinicOption[];
  timeZone: string;
};

type TInvitation = TRouterOutputs['staff']['invite'];

/** Invites a professional: name, e-mail, roles per clinic and, for licensed roles, the council registration. */
export function InviteStaffModal({ opened, onClose, clinics, timeZone }: TInviteStaffModalProps) {
  const { t } = useTranslation();
  const [invitation, setInvitation] = useState<TInvitation | null>(null);
  const [formKey, setFormKey] = useState(0);

  const close = () => {
    onClose();
    setInvitation(null);
    setFormKey((k) => k + 1);
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={600}>{invitation ? t('team.invite.doneTitle') : t('team.invite.title')}</Text>}
      size="lg"
      radius="lg"
      padding="lg"
      centered
    >
      {invitation ? (
        <InvitationCreated
          invitation={invitation}
          timeZone={timeZone}
          onClose={close}
          onAnother={() => {
            setInvitation(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <InviteForm key={formKey} clinics={clinics} onCancel={close} onInvited={setInvitation} />
      )}
    </Modal>
  );
}

type TInviteFormProps = {
  clinics: readonly TClinicOption[];
  onCancel: () => void;
  onInvited: (invitation: TInvitation) => void;
};

function InviteForm({ clinics, onCancel, onInvited }: TInviteFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [rows, setRows] = useState<TAssignmentRow[]>(() => [
    newAssignmentRow(clinics.length === 1 ? (clinics[0]?.id ?? null) : null),
  ]);
  const [licence, setLicence] = useState<TLicenceFields>(emptyLicenceFields);
  const [localError, setLocalError] = useState<string | null>(null);
  const invite = useMutation(
    trpc.staff.invite.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.staff.list.queryFilter());
        onInvited(result);
      },
    }),
  );
  const errors = toFormErrors(invite.error, t, FIELDS);
  const councils = councilsForRoles(rows.map((r) => r.role));
  const council = pickCouncil(licence.council, councils);
  const licenceFields = { ...licence, council };
  const hasLicensedRole = councils.length > 0;

  const submit = () => {
    const assignments = toAssignments(rows);
    if (assignments.length === 0) {
      setLocalError(t('team.assignments.required'));
      return;
    }
    setLocalError(null);
    const isLicenceStarted = licence.number.trim() !== '' || licence.uf !== null;
    let licenceInput: TLicenceInput | undefined;
    if (hasLicensedRole && isLicenceStarted) {
      licenceInput = toLicenceInput(licenceFields) ?? undefined;
      if (!licenceInput) {
        setLocalError(t('team.licence.incomplete'));
        return;
      }
    }
    invite.mutate({ fullName, email, assignments, ...(licenceInput ? { licence: licenceInput } : {}) });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <TextInput
          label={t('team.invite.fullName')}
          value={fullName}
          onChange={(event) => setFullName(event.currentTarget.value)}
          error={errors.fields.fullName}
          required
          data-autofocus
        />
        <TextInput
          label={t('team.invite.email')}
          type="email"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.fields.email}
          required
        />
        <AssignmentsEditor
          rows={rows}
          onChange={setRows}
          clinics={clinics}
          error={errors.fields.assignments}
        />
        {hasLicensedRole ? (
          <Stack gap="sm">
            <Divider label={t('team.licence.section')} labelPosition="left" />
            <Text size="sm" c="dimmed">
              {t('team.invite.licenceHint')}
            </Text>
            <LicenceFields
              value={licenceFields}
              onChange={setLicence}
              councils={councils}
              errors={{
                council: errors.fields['licence.council'],
                number: errors.fields['licence.number'],
                uf: errors.fields['licence.uf'],
                specialties: errors.fields['licence.specialties'],
                rqe: errors.fields['licence.rqe'],
              }}
            />
          </Stack>
        ) : null}
        {localError || errors.form ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {localError ?? errors.form}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending} leftSection={<IconMailForward size={18} />}>
            {t('team.invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type TInvitationCreatedProps = {
  invitation: TInvitation;
  timeZone: string;
  onClose: () => void;
  onAnother: () => void;
};

function InvitationCreated({ invitation, timeZone, onClose, onAnother }: TInvitationCreatedProps) {
  const { t } = useTranslation();
  const link = `${window.location.origin}${invitation.invitationPath}`;
  return (
    <Stack gap="lg">
      <Text>{t('team.invite.doneExplanation')}</Text>
      <CopyField
        value={link}
        copyLabel={t('common.copy')}
        copiedLabel={t('common.copied')}
        icons={{ copy: <IconCopy size={18} />, copied: <IconCheck size={18} /> }}
        testId="invitation-link"
      />
      <Text size="sm" c="dimmed">
        {t('team.invite.expires', { date: formatDateTime(invitation.expiresAt, timeZone) })}
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          {t('team.invite.another')}
        </Button>
        <Button onClick={onClose}>{t('common.done')}</Button>
      </Group>
    </Stack>
  );
}
