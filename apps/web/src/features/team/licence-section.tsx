import { DetailList, formatDateTime } from '@clinia/ui';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { LicenceStatusBadge, licenceLabelOf } from './licence-badge';
import { LicenceFields } from './licence-fields';
import { LicenceVerification } from './licence-verification';
import { pickCouncil, type TLicenceFields, toLicenceInput } from './team-forms';
import type { TStaffLicence, TStaffMember } from './team-types';

type TLicenceBlockProps = {
  licence: TStaffLicence;
  member: TStaffMember;
  councils: readonly TStaffLicence['council'][];
  timeZone: string;
};

/** A licence as registered and last checked, with its verification and an editor. */
export function LicenceBlock({ licence, member, councils, timeZone }: TLicenceBlockProps) {
  const { t } = useTranslation();
  const [isEditing, setIsEditing] = useState(false);
  const checkedAt = licence.lastCheckedAt ? formatDateTime(licence.lastCheckedAt, timeZone) : null;
  const method = licence.verificationMethod ? t(`team.licence.method.${licence.verificationMethod}`) : null;

  return (
    <Stack gap="md">
      <DetailList
        labelWidth={150}
        items={[
          {
            id: 'registration',
            label: t('team.licence.registration'),
            value: (
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {licenceLabelOf(licence)}
                </Text>
                <LicenceStatusBadge licence={licence} />
              </Group>
            ),
          },
          { id: 'situation', label: t('team.licence.situation'), value: licence.situationLabel ?? '—' },
          {
            id: 'specialties',
            label: t('team.licence.specialties'),
            value: licence.specialties.length > 0 ? licence.specialties.join(', ') : '—',
          },
          ...(licence.council === 'CRM'
            ? [
                {
                  id: 'rqe',
                  label: t('team.licence.rqe'),
                  value: licence.rqe.length > 0 ? licence.rqe.join(', ') : '—',
                },
              ]
            : []),
          {
            id: 'checked',
            label: t('team.licence.lastCheck'),
            value: checkedAt
              ? method
                ? `${checkedAt} · ${method}`
                : checkedAt
              : t('team.licence.neverChecked'),
          },
        ]}
      />
      {member.status !== 'deactivated' ? <LicenceVerification licence={licence} timeZone={timeZone} /> : null}
      {isEditing ? (
        <LicenceEditor
          userId={member.id}
          councils={councils.length > 0 ? councils : [licence.council]}
          initial={{
            council: licence.council,
            number: licence.number,
            uf: licence.uf,
            specialties: licence.specialties,
            rqe: licence.rqe,
          }}
          onDone={() => setIsEditing(false)}
        />
      ) : (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setIsEditing(true)}>
            {t('team.licence.edit')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

type TLicenceEditorProps = {
  userId: string;
  councils: readonly TStaffLicence['council'][];
  initial: TLicenceFields;
  onDone?: () => void;
};

/** Adds or edits licence data; any change sends the licence back to pending until checked again. */
export function LicenceEditor({ userId, councils, initial, onDone }: TLicenceEditorProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<TLicenceFields>(initial);
  const value = { ...fields, council: pickCouncil(fields.council, councils) };
  const save = useMutation(
    trpc.staff.saveLicence.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: t('team.licence.saved') });
        await queryClient.invalidateQueries(trpc.staff.list.queryFilter());
        onDone?.();
      },
    }),
  );
  const errors = toFormErrors(save.error, t, [
    'licence.council',
    'licence.number',
    'licence.uf',
    'licence.specialties',
    'licence.rqe',
  ] as const);
  const input = toLicenceInput(value);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (input) {
          save.mutate({ userId, licence: input });
        }
      }}
    >
      <Stack gap="sm">
        <LicenceFields
          value={value}
          onChange={setFields}
          councils={councils}
          errors={{
            council: errors.fields['licence.council'],
            number: errors.fields['licence.number'],
            uf: errors.fields['licence.uf'],
            specialties: errors.fields['licence.specialties'],
            rqe: errors.fields['licence.rqe'],
          }}
        />
        <Text size="xs" c="dimmed">
          {t('team.licence.saveHint')}
        </Text>
        {errors.form ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {errors.form}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {onDone ? (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} disabled={!input || input.number === ''}>
            {t('team.licence.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
