import { COMPETENCE_DECISIONS, type TCompetenceDecision } from '@clinia/contracts';
import { Badge, Menu, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const DECISION_COLOR: Record<TCompetenceDecision, string> = {
  permitido: 'green',
  requer_habilitacao: 'yellow',
  proibido: 'red',
};

const wrappingBadge = {
  root: { height: 'auto', paddingBlock: 3, minWidth: 72 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 },
} as const;

export type TDecisionBadgeProps = {
  decision: TCompetenceDecision;
  citation: string;
};

/** One cell of the competence matrix; the legal basis in the tooltip. */
export function DecisionBadge({ decision, citation }: TDecisionBadgeProps) {
  const { t } = useTranslation();
  return (
    <Tooltip label={citation} multiline w={320} withArrow openDelay={150}>
      <Badge
        color={DECISION_COLOR[decision]}
        variant="light"
        size="sm"
        tt="none"
        fw={600}
        styles={wrappingBadge}
        tabIndex={0}
        style={{ cursor: 'help' }}
      >
        {t(`policy.decision.${decision}`)}
      </Badge>
    </Tooltip>
  );
}

export type TDecisionPickerProps = {
  decision: TCompetenceDecision;
  isChanged: boolean;
  label: string;
  onChange: (decision: TCompetenceDecision) => void;
};

/** The editable cell: the badge opens a menu with the three decisions. */
export function DecisionPicker({ decision, isChanged, label, onChange }: TDecisionPickerProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom" withArrow shadow="md" radius="md">
      <Menu.Target>
        <UnstyledButton
          aria-label={`${label}: ${t(`policy.decision.${decision}`)}`}
          p={3}
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            outline: isChanged
              ? '2px solid var(--mantine-color-sage-6)'
              : '1px dashed var(--mantine-color-stone-3)',
            outlineOffset: 1,
          }}
        >
          <Badge
            color={DECISION_COLOR[decision]}
            variant="light"
            size="sm"
            tt="none"
            fw={600}
            styles={wrappingBadge}
          >
            {t(`policy.decision.${decision}`)}
          </Badge>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{label}</Menu.Label>
        {COMPETENCE_DECISIONS.map((option) => (
          <Menu.Item
            key={option}
            onClick={() => onChange(option)}
            leftSection={option === decision ? <IconCheck size={16} /> : <span style={{ width: 16 }} />}
            color={DECISION_COLOR[option]}
          >
            {t(`policy.decision.${option}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
