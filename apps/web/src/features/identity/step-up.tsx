import { Alert, Button, Group, Modal, PasswordInput, PinInput, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

/** Thrown when the user closes the confirmation instead of confirming; callers simply stop. */
export class StepUpCancelledError extends Error {
  constructor() {
    super('Step-up cancelled');
    this.name = 'StepUpCancelledError';
  }
}

type TWithStepUp = <T>(run: () => Promise<T>) => Promise<T>;

const StepUpContext = createContext<TWithStepUp | null>(null);

/**
 * Runs a sensitive action; when the server answers STEP_UP_REQUIRED, asks for the password (and a
 * code) once and runs the action again. Usage: `withStepUp(() => mutation.mutateAsync(input))`.
 */
export function useStepUp(): TWithStepUp {
  const withStepUp = useContext(StepUpContext);
  if (!withStepUp) {
    throw new Error('useStepUp() is only available below <StepUpProvider>');
  }
  return withStepUp;
}

type TPending = { resolve: () => void; reject: (error: Error) => void };

export type TStepUpProviderProps = {
  /** Whether the user has a second factor to confirm as well. */
  hasMfa: boolean;
  children: ReactNode;
};

export function StepUpProvider({ hasMfa, children }: TStepUpProviderProps) {
  const [isOpen, setIsOpen] = useState(false);
  const pending = useRef<TPending | null>(null);

  const withStepUp = useCallback<TWithStepUp>(async (run) => {
    try {
      return await run();
    } catch (error) {
      if (appCodeOf(error) !== 'STEP_UP_REQUIRED') {
        throw error;
      }
      await new Promise<void>((resolve, reject) => {
        pending.current = { resolve, reject };
        setIsOpen(true);
      });
      return run();
    }
  }, []);

  const settle = (isConfirmed: boolean) => {
    const current = pending.current;
    pending.current = null;
    setIsOpen(false);
    if (isConfirmed) {
      current?.resolve();
    } else {
      current?.reject(new StepUpCancelledError());
    }
  };

  return (
    <StepUpContext value={withStepUp}>
      {children}
      <StepUpModal
        opened={isOpen}
        hasMfa={hasMfa}
        onConfirmed={() => settle(true)}
        onCancel={() => settle(false)}
      />
    </StepUpContext>
  );
}

type TStepUpModalProps = {
  opened: boolean;
  hasMfa: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
};

function StepUpModal({ opened, hasMfa, onConfirmed, onCancel }: TStepUpModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const reauthenticate = useMutation(trpc.auth.reauthenticate.mutationOptions());
  const errors = toFormErrors(reauthenticate.error, t, ['password', 'code'] as const);
  const canSubmit = password.length > 0 && (!hasMfa || code.length === 6);

  const reset = () => {
    setPassword('');
    setCode('');
    reauthenticate.reset();
  };

  const submit = () => {
    if (!canSubmit) {
      return;
    }
    reauthenticate.mutate(
      { password, ...(hasMfa ? { code } : {}) },
      {
        onSuccess: () => {
          reset();
          onConfirmed();
        },
        onError: () => setCode(''),
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={() => {
        reset();
        onCancel();
      }}
      title={
        <Group gap="xs">
          <IconShieldLock size={20} aria-hidden />
          <Text fw={600}>{t('stepUp.title')}</Text>
        </Group>
      }
      centered
      radius="lg"
      padding="lg"
      // Above drawers and dialogs: the action being confirmed is often started from one.
      zIndex={400}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {hasMfa ? t('stepUp.descriptionWithCode') : t('stepUp.description')}
          </Text>
          <PasswordInput
            label={t('stepUp.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.fields.password}
            size="md"
            data-autofocus
          />
          {hasMfa ? (
            <Stack gap={6}>
              <Text size="sm" fw={500} component="label" htmlFor="step-up-code">
                {t('stepUp.code')}
              </Text>
              <PinInput
                id="step-up-code"
                length={6}
                type="number"
                oneTimeCode
                inputMode="numeric"
                value={code}
                onChange={setCode}
                ariaLabel={t('stepUp.code')}
                size="md"
              />
              <Text size="xs" c="dimmed">
                {t('stepUp.codeHint')}
              </Text>
            </Stack>
          ) : null}
          {errors.form ? (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                reset();
                onCancel();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reauthenticate.isPending} disabled={!canSubmit}>
              {t('stepUp.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
