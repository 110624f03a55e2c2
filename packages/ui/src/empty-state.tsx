import { EmptyState as MantineEmptyState, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type TEmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  /** A quieter second line, e.g. why there is nothing here yet. */
  note?: ReactNode;
  children?: ReactNode;
};

/** A calm placeholder for a place with nothing to show; actions go in `children`. */
export function EmptyState({ title, description, icon, note, children }: TEmptyStateProps) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <MantineEmptyState
        title={title}
        description={description}
        icon={icon}
        variant={icon ? 'light' : undefined}
        size="lg"
        maw={520}
        styles={{ title: { fontWeight: 600, textWrap: 'balance' }, description: { textWrap: 'balance' } }}
        mx="auto"
      >
        {note ? (
          <Text size="sm" c="dimmed" ta="center" mt="xs">
            {note}
          </Text>
        ) : null}
        {children ? <MantineEmptyState.Actions>{children}</MantineEmptyState.Actions> : null}
      </MantineEmptyState>
    </Paper>
  );
}
