import { Card, Group, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

export type TSectionCardProps = {
  title: ReactNode;
  icon?: ReactNode;
  /** Shown on the right of the title row, e.g. a status badge. */
  aside?: ReactNode;
  children: ReactNode;
};

/** A bordered card with a small titled header; the building block of summary pages. */
export function SectionCard({ title, icon, aside, children }: TSectionCardProps) {
  return (
    <Card withBorder radius="lg" padding="lg" h="100%">
      <Group justify="space-between" wrap="nowrap" mb="md">
        <Group gap="sm" wrap="nowrap">
          {icon ? (
            <ThemeIcon size={32} radius="md" variant="light" aria-hidden>
              {icon}
            </ThemeIcon>
          ) : null}
          <Text component="h2" fw={600} size="lg" m={0}>
            {title}
          </Text>
        </Group>
        {aside}
      </Group>
      {children}
    </Card>
  );
}
