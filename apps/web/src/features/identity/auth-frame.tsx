import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Wordmark } from '../../shell/wordmark';

export type TAuthFrameProps = {
  children: ReactNode;
  /** Widest content column; the sign-in page widens it for the demo accounts beside the form. */
  maxWidth?: number;
};

/** The calm frame of the screens before the app: wordmark on top, one column of cards, no navigation. */
export function AuthFrame({ children, maxWidth = 460 }: TAuthFrameProps) {
  return (
    <Box component="main" mih="100vh" bg="stone.0" px="md" py={{ base: 32, sm: 64 }}>
      <Stack align="center" gap={32}>
        <Wordmark isLink={false} />
        <Box w="100%" maw={maxWidth}>
          {children}
        </Box>
      </Stack>
    </Box>
  );
}

export type TAuthCardProps = {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
};

/** The card that holds one step of signing in: a heading, a sentence of context, the form. */
export function AuthCard({ title, description, children }: TAuthCardProps) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 32 }} shadow="xs">
      <Stack gap="xl">
        <Stack gap={6}>
          <Title order={1} fz={24} lh={1.25}>
            {title}
          </Title>
          {description ? (
            <Text c="dimmed" size="md">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
