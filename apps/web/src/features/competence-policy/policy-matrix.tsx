import { PROCEDURE_CATEGORY_LABELS, STAFF_ROLE_LABELS, type TCompetenceDecision } from '@clinia/contracts';
import { Table, Text } from '@mantine/core';
import { DecisionBadge, DecisionPicker } from './decision-badge';
import { cellKey, indexRules, matrixAxes, type TCellKey, type TPolicyRule } from './policy-matrix-model';

export type TPolicyMatrixProps = {
  rules: readonly TPolicyRule[];
  /** Present while editing: the decisions changed so far and how to change one. */
  editing?: {
    edits: ReadonlyMap<TCellKey, TCompetenceDecision>;
    onEdit: (key: TCellKey, decision: TCompetenceDecision) => void;
  };
};

const PROFESSION_WIDTH = 150;
const CATEGORY_WIDTH = 112;

/** Professions × procedure categories, each cell the policy's decision; the profession column stays in view. */
export function PolicyMatrix({ rules, editing }: TPolicyMatrixProps) {
  const { roles, categories } = matrixAxes(rules);
  const byCell = indexRules(rules);
  const sticky = {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    background: 'var(--mantine-color-body)',
    boxShadow: 'inset -1px 0 0 var(--mantine-color-stone-2)',
  } as const;

  // Eleven categories do not fit a laptop screen at a readable width: the table scrolls sideways inside
  // its card while the profession column stays in view.
  return (
    <Table.ScrollContainer
      minWidth={PROFESSION_WIDTH + categories.length * CATEGORY_WIDTH}
      scrollAreaProps={{ type: 'auto' }}
    >
      <Table
        withColumnBorders
        verticalSpacing={8}
        horizontalSpacing={6}
        layout="fixed"
        data-testid="policy-matrix"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={PROFESSION_WIDTH} style={sticky} />
            {categories.map((category) => (
              <Table.Th key={category} w={CATEGORY_WIDTH} ta="center" style={{ verticalAlign: 'bottom' }}>
                <Text size="xs" fw={600} lh={1.3}>
                  {PROCEDURE_CATEGORY_LABELS[category]}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((role) => (
            <Table.Tr key={role}>
              <Table.Th scope="row" style={sticky}>
                <Text size="sm" fw={600}>
                  {STAFF_ROLE_LABELS[role]}
                </Text>
              </Table.Th>
              {categories.map((category) => {
                const key = cellKey(role, category);
                const rule = byCell.get(key);
                if (!rule) {
                  return (
                    <Table.Td key={key} ta="center">
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    </Table.Td>
                  );
                }
                const edited = editing?.edits.get(key);
                return (
                  <Table.Td key={key} ta="center">
                    {editing ? (
                      <DecisionPicker
                        decision={edited ?? rule.decision}
                        isChanged={edited !== undefined && edited !== rule.decision}
                        label={`${STAFF_ROLE_LABELS[role]} · ${PROCEDURE_CATEGORY_LABELS[category]}`}
                        onChange={(decision) => editing.onEdit(key, decision)}
                      />
                    ) : (
                      <DecisionBadge decision={rule.decision} citation={rule.citation} />
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
