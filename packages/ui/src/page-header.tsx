import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export type TPageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
};

/** The title block at the top of every page: one `h1`, an optional line of context. */
export function PageHeader({ title, description, icon }: TPageHeaderProps) {
  return (
    <Group gap="md" wrap="nowrap" align="center" mb="xl">
      {icon ? (
        <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
          {icon}
        </ThemeIcon>
      ) : null}
      <Stack gap={2}>
        <Title order={1} fz={28} lh={1.2}>
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="md">
            {description}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}
