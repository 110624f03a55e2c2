import { Alert, Box, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
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

export type TAuthFormProps = TAuthCardProps & {
  /** The server's refusal of the whole form (field errors stay on their fields). */
  error?: ReactNode;
  submitLabel: ReactNode;
  isSubmitting: boolean;
  onSubmit: () => void;
};

/**
 * An AuthCard holding one form: its fields, then the server's refusal if any, then one large submit
 * button. The browser's own validation is off: the fields show our pt-BR messages instead.
 */
export function AuthForm({
  title,
  description,
  children,
  error,
  submitLabel,
  isSubmitting,
  onSubmit,
}: TAuthFormProps) {
  return (
    <AuthCard title={title} description={description}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="lg">
          {children}
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" size="lg" fullWidth loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
