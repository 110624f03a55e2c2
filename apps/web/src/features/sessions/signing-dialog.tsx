import { Alert, Button, Group, Modal, PasswordInput, PinInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { useSignedInUser } from '../identity/use-me';

/**
 * Re-authentication to sign a session or an addendum: the password, and for a professional with MFA
 * enrolled a current authenticator code (large digits, numeric keypad on a tablet, one-time-code
 * autofill). A refused code is cleared so the next one can be typed at once.
 */
export function SigningDialog<TInput>({
  title,
  body,
  confirmLabel,
  onClose,
  mutation,
  input,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onClose: () => void;
  // biome-ignore lint/suspicious/noExplicitAny: tRPC mutation options of either signing procedure
  mutation: any;
  input: (password: string, code: string | undefined) => TInput;
}) {
  const { t } = useTranslation();
  const hasMfa = useSignedInUser().isMfaEnrolled;
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const run = useMutation({
    ...mutation,
    onError: (error: unknown, ...rest: unknown[]) => {
      setCode('');
      mutation.onError?.(error, ...rest);
    },
  });
  const ready = password.length > 0 && (!hasMfa || /^\d{6}$/.test(code));
  const submit = () => {
    if (ready && !run.isPending) run.mutate(input(password, hasMfa ? code : undefined) as never);
  };
  return (
    <Modal opened onClose={onClose} title={title} centered radius="lg" size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          <Text size="sm">{body}</Text>
          <PasswordInput
            size="lg"
            label={t('sessions.sign.password')}
            value={password}
            autoComplete="current-password"
            data-autofocus
            data-testid="sign-password"
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {hasMfa ? (
            <Stack gap={6}>
              <Text size="lg" fw={500} component="label" htmlFor="sign-code">
                {t('sessions.sign.code')}
              </Text>
              <PinInput
                id="sign-code"
                length={6}
                type="number"
                inputMode="numeric"
                oneTimeCode
                size="xl"
                gap="sm"
                value={code}
                onChange={setCode}
                ariaLabel={t('sessions.sign.code')}
                error={Boolean(run.error)}
                data-testid="sign-code"
              />
              <Text size="sm" c="dimmed">
                {t('sessions.sign.codeHint')}
              </Text>
            </Stack>
          ) : null}
          {run.error ? (
            <Alert color="red" role="alert">
              {toUserError(run.error, t)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button size="lg" variant="default" onClick={onClose}>
              {t('sessions.sign.cancel')}
            </Button>
            <Button
              size="lg"
              type="submit"
              loading={run.isPending}
              disabled={!ready}
              data-testid="sign-confirm"
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
