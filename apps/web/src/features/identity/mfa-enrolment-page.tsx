import { Alert, Anchor, Button, Center, Group, Image, Loader, PinInput, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { isProcedureKey, useTRPC } from '../../trpc/trpc';
import { AuthCard, AuthFrame } from './auth-frame';
import { groupSecret } from './mfa-secret';
import { RecoveryCodesStep } from './recovery-codes-step';
import { authStateOf, MFA_VERIFY_PATH, SIGN_IN_PATH, safeReturnPath } from './sign-in-flow';
import { type TMe, useMe } from './use-me';
import { useSignOut } from './use-sign-out';

type TStep = 'intro' | 'scan' | 'codes';

/** /seguranca/verificacao-em-duas-etapas: set up (or replace) the authenticator app. */
export function MfaEnrolmentPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { from } = authStateOf(location.state);
  const me = useMe();

  if (me.isPending) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return <Navigate to={SIGN_IN_PATH} replace state={{ reason: toUserError(me.error, t), from }} />;
  }
  // A session still waiting for its code must prove the current factor before replacing it.
  if (me.data.next === 'mfa') {
    return <Navigate to={MFA_VERIFY_PATH} replace state={{ from }} />;
  }
  return <MfaEnrolment me={me.data} from={from} />;
}

function MfaEnrolment({ me, from }: { me: TMe; from: string | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const isRequired = me.next === 'mfa_enrolment';
  const [step, setStep] = useState<TStep>(isRequired ? 'scan' : 'intro');
  const [code, setCode] = useState('');
  const [isLeaving, setIsLeaving] = useState(false);
  const begin = useMutation(trpc.auth.beginMfaEnrolment.mutationOptions());
  const confirm = useMutation(trpc.auth.confirmMfaEnrolment.mutationOptions());
  const hasBegun = useRef(false);
  const confirmErrors = toFormErrors(confirm.error, t, ['code'] as const);
  const confirmError = confirmErrors.fields.code ?? confirmErrors.form;

  const start = () => {
    hasBegun.current = true;
    setStep('scan');
    begin.mutate();
  };

  // A required enrolment starts at once; the ref keeps React's development double effects to one secret.
  useEffect(() => {
    if (isRequired && !hasBegun.current) {
      hasBegun.current = true;
      begin.mutate();
    }
  }, [isRequired, begin.mutate]);

  const submitCode = (value: string) => {
    if (confirm.isPending || !/^\d{6}$/.test(value)) {
      return;
    }
    confirm.mutate(
      { code: value },
      {
        onSuccess: () => setStep('codes'),
        onError: () => setCode(''),
      },
    );
  };

  const finish = async () => {
    setIsLeaving(true);
    await queryClient.refetchQueries({ predicate: (q) => isProcedureKey(q.queryKey, 'auth.me') });
    await navigate(safeReturnPath(from ?? (isRequired ? '/' : '/conta')), { replace: true });
  };

  const description =
    step === 'codes'
      ? t('mfaEnrolment.codes.title')
      : isRequired
        ? t('mfaEnrolment.whyRequired')
        : t('mfaEnrolment.whyOptional');

  return (
    <AuthFrame maxWidth={600}>
      <Stack gap="md">
        <AuthCard title={t('mfaEnrolment.title')} description={description}>
          {step === 'intro' ? (
            <Stack gap="lg">
              {me.isMfaEnrolled ? (
                <Alert color="yellow" variant="light" icon={<IconAlertCircle />}>
                  {t('mfaEnrolment.replaceWarning')}
                </Alert>
              ) : null}
              <Button size="lg" onClick={start} leftSection={<IconShieldCheck size={20} />}>
                {me.isMfaEnrolled ? t('mfaEnrolment.reconfigure') : t('mfaEnrolment.start')}
              </Button>
            </Stack>
          ) : null}

          {step === 'scan' ? (
            begin.isError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                <Stack gap="sm" align="flex-start">
                  {toUserError(begin.error, t)}
                  <Button variant="white" color="red" onClick={() => begin.mutate()}>
                    {t('errors.retry')}
                  </Button>
                </Stack>
              </Alert>
            ) : !begin.data ? (
              <Center py="xl" aria-busy="true">
                <Loader />
              </Center>
            ) : (
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  submitCode(code);
                }}
              >
                <Stack gap="lg">
                  <Text>{t('mfaEnrolment.step1')}</Text>
                  <Group align="flex-start" gap="lg" wrap="wrap">
                    <Image
                      src={begin.data.qrDataUrl}
                      alt={t('mfaEnrolment.qrAlt')}
                      w={184}
                      h={184}
                      radius="md"
                      style={{ border: '1px solid var(--mantine-color-stone-2)' }}
                    />
                    <Stack gap={6} style={{ flex: '1 1 220px' }}>
                      <Text>{t('mfaEnrolment.step2')}</Text>
                      <Text size="sm" c="dimmed" mt="xs">
                        {t('mfaEnrolment.manualEntry')}
                      </Text>
                      <Text
                        ff="monospace"
                        fz="lg"
                        fw={600}
                        style={{ letterSpacing: '0.06em', wordSpacing: '0.3em' }}
                        data-testid="mfa-secret"
                      >
                        {groupSecret(begin.data.secret)}
                      </Text>
                    </Stack>
                  </Group>
                  <Stack gap="xs">
                    <Text component="label" htmlFor="mfa-enrolment-code">
                      {t('mfaEnrolment.step3')}
                    </Text>
                    <PinInput
                      id="mfa-enrolment-code"
                      length={6}
                      type="number"
                      inputMode="numeric"
                      oneTimeCode
                      size="xl"
                      gap="sm"
                      value={code}
                      onChange={setCode}
                      onComplete={submitCode}
                      error={Boolean(confirmError)}
                      disabled={confirm.isPending}
                      ariaLabel={t('mfaEnrolment.codeLabel')}
                    />
                  </Stack>
                  {confirmError ? (
                    <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                      {confirmError}
                    </Alert>
                  ) : null}
                  <Button
                    type="submit"
                    size="lg"
                    fullWidth
                    loading={confirm.isPending}
                    disabled={!/^\d{6}$/.test(code)}
                  >
                    {t('mfaEnrolment.confirm')}
                  </Button>
                </Stack>
              </form>
            )
          ) : null}

          {step === 'codes' && confirm.data ? (
            <RecoveryCodesStep
              codes={confirm.data.recoveryCodes}
              onContinue={() => void finish()}
              isContinuing={isLeaving}
            />
          ) : null}
        </AuthCard>
        {step !== 'codes' ? (
          <Group justify="center">
            {isRequired ? (
              <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => signOut.mutate()}>
                {t('mfaEnrolment.signOut')}
              </Anchor>
            ) : (
              <Anchor component={Link} to="/conta" size="sm">
                {t('mfaEnrolment.backToAccount')}
              </Anchor>
            )}
          </Group>
        ) : null}
      </Stack>
    </AuthFrame>
  );
}
