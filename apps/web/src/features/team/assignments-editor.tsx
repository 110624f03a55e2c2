import { STAFF_ROLE_LABELS, STAFF_ROLES, type TStaffRole } from '@clinia/contracts';
import { ActionIcon, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { newAssignmentRow, type TAssignmentRow } from './team-forms';

export type TClinicOption = { id: string; name: string };

export type TAssignmentsEditorProps = {
  rows: TAssignmentRow[];
  onChange: (rows: TAssignmentRow[]) => void;
  clinics: readonly TClinicOption[];
  error?: string | undefined;
};

const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

/** Roles per clinic as rows of (clínica, função); a person may hold several roles in several clinics. */
export function AssignmentsEditor({ rows, onChange, clinics, error }: TAssignmentsEditorProps) {
  const { t } = useTranslation();
  const clinicOptions = clinics.map((c) => ({ value: c.id, label: c.name }));
  const update = (key: string, patch: Partial<TAssignmentRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('team.assignments.label')}
      </Text>
      {rows.map((row, index) => (
        <Group key={row.key} gap="sm" wrap="nowrap" align="flex-start">
          <Select
            aria-label={t('team.assignments.clinic', { index: index + 1 })}
            placeholder={t('team.assignments.clinicPlaceholder')}
            data={clinicOptions}
            value={row.clinicId}
            onChange={(value) => update(row.key, { clinicId: value })}
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <Select
            aria-label={t('team.assignments.role', { index: index + 1 })}
            placeholder={t('team.assignments.rolePlaceholder')}
            data={roleOptions}
            value={row.role}
            onChange={(value) => update(row.key, { role: value as TStaffRole | null })}
            allowDeselect={false}
            style={{ flex: 1 }}
            data-testid="assignment-role"
          />
          <Tooltip label={t('team.assignments.remove')} withArrow>
            <ActionIcon
              variant="subtle"
              color="stone"
              size={36}
              aria-label={t('team.assignments.remove')}
              disabled={rows.length <= 1}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      {error ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            onChange([...rows, newAssignmentRow(clinics.length === 1 ? (clinics[0]?.id ?? null) : null)])
          }
        >
          {t('team.assignments.add')}
        </Button>
      </Group>
    </Stack>
  );
}
