import { STAFF_ROLE_LABELS } from '@clinia/contracts';
import { Badge, Group, Stack, Table, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LicenceStatusBadge, licenceLabelOf } from './licence-badge';
import type { TStaffMember } from './team-types';

/** Long role labels ("Encarregado(a) de dados (DPO)") wrap inside their badge instead of being cut. */
const wrappingBadge = {
  root: { height: 'auto', paddingBlock: 2, maxWidth: 200 },
  label: { whiteSpace: 'normal', lineHeight: 1.3 },
} as const;

const STATUS_COLOR: Record<TStaffMember['status'], string> = {
  active: 'sage',
  invited: 'yellow',
  deactivated: 'stone',
};

export type TTeamTableProps = {
  staff: readonly TStaffMember[];
  /** Opens a member for editing; absent for read-only viewers. */
  onOpen?: (member: TStaffMember) => void;
};

/** The team at a glance: who, which roles where, licence and its status, second factor, account status. */
export function TeamTable({ staff, onOpen }: TTeamTableProps) {
  const { t } = useTranslation();
  const clinicCount = new Set(staff.flatMap((m) => m.assignments.map((a) => a.clinicId))).size;

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        verticalSpacing={10}
        horizontalSpacing="sm"
        highlightOnHover={Boolean(onOpen)}
        fz="sm"
        data-testid="team-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('team.columns.name')}</Table.Th>
            <Table.Th>{t('team.columns.email')}</Table.Th>
            <Table.Th>{t('team.columns.roles')}</Table.Th>
            <Table.Th>{t('team.columns.licence')}</Table.Th>
            <Table.Th ta="center" style={{ whiteSpace: 'nowrap' }}>
              {t('team.columns.mfa')}
            </Table.Th>
            <Table.Th>{t('team.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.map((member) => (
            <Table.Tr
              key={member.id}
              onClick={onOpen ? () => onOpen(member) : undefined}
              style={onOpen ? { cursor: 'pointer' } : undefined}
              data-testid="team-row"
            >
              <Table.Td>
                {onOpen ? (
                  <UnstyledButton
                    fw={500}
                    fz="sm"
                    style={{ whiteSpace: 'nowrap' }}
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpen(member);
                    }}
                  >
                    {member.fullName}
                  </UnstyledButton>
                ) : (
                  <Text fw={500} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {member.fullName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {member.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {member.assignments.map((a) => (
                    <Badge
                      key={`${a.clinicId}:${a.role}`}
                      variant="light"
                      color="stone"
                      size="sm"
                      tt="none"
                      styles={wrappingBadge}
                    >
                      {clinicCount > 1
                        ? `${STAFF_ROLE_LABELS[a.role]} · ${a.clinicName}`
                        : STAFF_ROLE_LABELS[a.role]}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {member.licences.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {member.licences.map((licence) => (
                      <Stack key={licence.id} gap={2} align="flex-start">
                        <Text size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                          {licenceLabelOf(licence)}
                        </Text>
                        <LicenceStatusBadge licence={licence} />
                      </Stack>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td ta="center">
                {member.isMfaEnrolled ? (
                  <ThemeIcon
                    size={22}
                    radius="xl"
                    variant="light"
                    color="green"
                    aria-label={t('team.mfaOn')}
                    role="img"
                  >
                    <IconCheck size={14} />
                  </ThemeIcon>
                ) : (
                  <Text size="sm" c="dimmed" aria-label={t('team.mfaOff')}>
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge
                  tt="none"
                  variant="light"
                  color={STATUS_COLOR[member.status]}
                  size="sm"
                  miw="fit-content"
                >
                  {t(`team.status.${member.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
