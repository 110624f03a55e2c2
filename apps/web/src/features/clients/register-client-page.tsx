import { formatCpf, UFS } from '@clinia/contracts';
import { formatIsoDate, PageHeader } from '@clinia/ui';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import {
  ageOn,
  birthDateIso,
  CLIENT_FORM_FIELDS,
  completeCpf,
  emptyClientForm,
  maskBirthDate,
  type TClientFormField,
  type TClientFormState,
  validateClientForm,
} from './client-form';
import {
  emptySignature,
  SignatureFields,
  signatureProblem,
  type TSignatureState,
  toEvidence,
} from './signature-fields';

export type TRegisteredState = { possibleDuplicateIds: string[] };

/** Registration at the front desk: identity, contact, address, guardian for minors, privacy notice. */
export function RegisterClientPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const today = formatIsoDate(new Date(), timeZone);
  const [form, setForm] = useState<TClientFormState>(emptyClientForm);
  const [localErrors, setLocalErrors] = useState<Partial<Record<TClientFormField, string>>>({});
  const [signature, setSignature] = useState<TSignatureState>(() => emptySignature());
  const [acknowledged, setAcknowledged] = useState(false);
  const [noticeErrors, setNoticeErrors] = useState<{ ack?: string; typedName?: string; drawing?: string }>(
    {},
  );

  const documents = useQuery(trpc.clients.consentDocuments.queryOptions());
  const notice = documents.data?.find((d) => d.purpose === 'aviso_privacidade');

  const cpfDigits = completeCpf(form.cpf);
  const sameCpf = useQuery(
    trpc.clients.search.queryOptions({ query: cpfDigits ?? '', limit: 1 }, { enabled: cpfDigits !== null }),
  );
  const existing = cpfDigits ? sameCpf.data?.items[0] : undefined;

  const register = useMutation(
    trpc.clients.register.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.clients.search.pathFilter());
        const state: TRegisteredState = { possibleDuplicateIds: result.possibleDuplicateIds };
        void navigate(`/clientes/${result.clientId}`, { state });
      },
    }),
  );
  const serverErrors = toFormErrors(register.error, t, CLIENT_FORM_FIELDS);
  const errorOf = (field: TClientFormField) => localErrors[field] ?? serverErrors.fields[field];
  const age = ageOn(birthDateIso(form.birthDate) ?? '', today);
  const isMinor = age !== null && age < 18;

  const set =
    <K extends keyof TClientFormState>(key: K) =>
    (value: TClientFormState[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      if (localErrors[key as TClientFormField]) setLocalErrors((e) => ({ ...e, [key]: undefined }));
    };
  const text = (key: keyof TClientFormState, field: TClientFormField = key as TClientFormField) => ({
    value: form[key] as string,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(key)(event.currentTarget.value as never),
    error: errorOf(field),
    size: 'md' as const,
  });

  const submit = () => {
    const checked = validateClientForm(form, {
      today,
      messages: {
        birthDateMissing: t('clients.register.birthDateMissing'),
        sexMissing: t('clients.register.sexMissing'),
        guardianRequired: t('clients.register.guardianRequired'),
      },
    });
    const problem = signatureProblem(signature);
    const nextNoticeErrors = {
      ...(acknowledged ? {} : { ack: t('clients.register.noticeRequired') }),
      ...(problem === 'typedName' ? { typedName: t('clients.signature.typedNameRequired') } : {}),
      ...(problem === 'drawing' ? { drawing: t('clients.signature.drawingRequired') } : {}),
    };
    setNoticeErrors(nextNoticeErrors);
    setLocalErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok || Object.keys(nextNoticeErrors).length > 0 || !notice) {
      requestAnimationFrame(() => {
        document.querySelector('[data-error="true"], .mantine-InputWrapper-error')?.scrollIntoView({
          block: 'center',
          behavior: 'smooth',
        });
      });
      return;
    }
    register.mutate({
      ...checked.input,
      privacyNotice: { ...toEvidence(signature), documentId: notice.id },
    });
  };

  const existingId = (register.error as { data?: { details?: { existingClientId?: string } } } | null)?.data
    ?.details?.existingClientId;

  return (
    <>
      <PageHeader
        title={t('clients.register.title')}
        description={t('clients.register.description')}
        icon={<IconUserPlus size={22} stroke={1.6} />}
      />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg" maw={920}>
          <FormSection title={t('clients.register.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('clients.fields.fullName')}
                required
                autoComplete="off"
                {...text('fullName')}
              />
              <TextInput
                label={t('clients.fields.socialName')}
                description={t('clients.fields.socialNameHint')}
                autoComplete="off"
                {...text('socialName')}
              />
              <TextInput
                label={t('clients.fields.cpf')}
                required
                inputMode="numeric"
                placeholder="000.000.000-00"
                autoComplete="off"
                {...text('cpf')}
                onBlur={() => {
                  const digits = completeCpf(form.cpf);
                  if (digits) set('cpf')(formatCpf(digits));
                }}
              />
              <TextInput
                label={t('clients.fields.birthDate')}
                required
                inputMode="numeric"
                placeholder="dd/mm/aaaa"
                autoComplete="off"
                {...text('birthDate')}
                onChange={(event) => set('birthDate')(maskBirthDate(event.currentTarget.value))}
                description={age !== null && age >= 0 ? t('clients.age', { count: age }) : undefined}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('clients.fields.sex')}{' '}
                  <Text span c="red">
                    *
                  </Text>
                </Text>
                <SegmentedControl
                  size="md"
                  value={form.sex}
                  onChange={(value) => set('sex')(value as TClientFormState['sex'])}
                  data={[
                    { value: 'F', label: t('clients.sex.F') },
                    { value: 'M', label: t('clients.sex.M') },
                    { value: 'I', label: t('clients.sex.I') },
                  ]}
                  aria-label={t('clients.fields.sex')}
                />
                {errorOf('sex') ? (
                  <Text size="xs" c="red" data-error="true">
                    {errorOf('sex')}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('clients.fields.sexHint')}
                  </Text>
                )}
              </Stack>
              <TextInput
                label={t('clients.fields.gender')}
                description={t('clients.fields.genderHint')}
                {...text('gender')}
              />
            </SimpleGrid>
            {existing ? (
              <Alert
                color="yellow"
                icon={<IconAlertTriangle size={18} />}
                mt="md"
                data-testid="cpf-duplicate"
              >
                {t('clients.register.cpfExists', { name: existing.fullName })}{' '}
                <Anchor component={Link} to={`/clientes/${existing.id}`}>
                  {t('clients.register.openExisting')}
                </Anchor>
              </Alert>
            ) : null}
          </FormSection>

          <FormSection title={t('clients.register.contact')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('clients.fields.mobile')}
                required
                inputMode="tel"
                placeholder="(11) 98765-4321"
                description={t('clients.fields.mobileHint')}
                {...text('mobile')}
              />
              <TextInput
                label={t('clients.fields.email')}
                type="email"
                autoCapitalize="none"
                spellCheck={false}
                {...text('email')}
              />
            </SimpleGrid>
            <Stack gap={4} mt="md">
              <Text size="sm" fw={500}>
                {t('clients.fields.preferredChannel')}
              </Text>
              <SegmentedControl
                size="md"
                value={form.preferredChannel}
                onChange={(value) => set('preferredChannel')(value as TClientFormState['preferredChannel'])}
                data={(['whatsapp', 'telefone', 'sms', 'email'] as const).map((c) => ({
                  value: c,
                  label: t(`clients.channels.${c}`),
                }))}
                aria-label={t('clients.fields.preferredChannel')}
              />
            </Stack>
          </FormSection>

          <FormSection title={t('clients.register.address')} hint={t('clients.register.addressHint')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <TextInput
                label={t('clients.fields.cep')}
                inputMode="numeric"
                placeholder="00000-000"
                {...text('cep', 'address.cep')}
              />
              <Select
                size="md"
                label={t('clients.fields.uf')}
                data={[...UFS]}
                value={form.uf || null}
                onChange={(value) => set('uf')(value ?? '')}
                error={errorOf('address.uf')}
                searchable
                clearable
              />
              <TextInput label={t('clients.fields.city')} {...text('city', 'address.city')} />
              <TextInput label={t('clients.fields.street')} {...text('street', 'address.street')} />
              <TextInput label={t('clients.fields.number')} {...text('number', 'address.number')} />
              <TextInput
                label={t('clients.fields.complement')}
                {...text('complement', 'address.complement')}
              />
              <TextInput label={t('clients.fields.district')} {...text('district', 'address.district')} />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('clients.register.emergency')} hint={t('clients.register.emergencyHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('clients.fields.emergencyName')}
                {...text('emergencyName', 'emergencyContact.name')}
              />
              <TextInput
                label={t('clients.fields.emergencyPhone')}
                inputMode="tel"
                {...text('emergencyPhone', 'emergencyContact.phone')}
              />
            </SimpleGrid>
          </FormSection>

          {isMinor ? (
            <FormSection title={t('clients.register.guardian')} hint={t('clients.register.guardianHint')}>
              <GuardianPicker
                value={form.guardianClientId}
                onChange={set('guardianClientId')}
                error={errorOf('guardianClientId')}
              />
            </FormSection>
          ) : null}

          <FormSection title={t('clients.register.notice')} hint={t('clients.register.noticeHint')}>
            {documents.isError ? (
              <QueryErrorState error={documents.error} onRetry={() => void documents.refetch()} />
            ) : notice ? (
              <Stack gap="md">
                <Group justify="space-between">
                  <Text fw={600}>{notice.title}</Text>
                  <Text size="sm" c="dimmed" data-testid="notice-version">
                    {t('clients.consents.version', { version: notice.version })}
                  </Text>
                </Group>
                <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
                    {notice.body}
                  </Text>
                </ScrollArea.Autosize>
                <SignatureFields
                  value={signature}
                  onChange={(next) => {
                    setSignature(next);
                    setNoticeErrors((e) => ({ ...e, typedName: undefined, drawing: undefined }));
                  }}
                  hasGuardian={isMinor && form.guardianClientId !== null}
                  errors={{
                    typedName: noticeErrors.typedName ?? serverErrors.fields['privacyNotice.typedName'],
                    drawing: noticeErrors.drawing,
                  }}
                />
                <Checkbox
                  size="md"
                  checked={acknowledged}
                  onChange={(event) => {
                    setAcknowledged(event.currentTarget.checked);
                    setNoticeErrors((e) => ({ ...e, ack: undefined }));
                  }}
                  label={t('clients.register.noticeAck')}
                  error={noticeErrors.ack ?? serverErrors.fields.privacyNotice}
                />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('clients.register.noticeLoading')}
              </Text>
            )}
          </FormSection>

          {serverErrors.form ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {serverErrors.form}
            </Alert>
          ) : null}
          {existingId ? (
            <Anchor component={Link} to={`/clientes/${existingId}`}>
              {t('clients.register.openExisting')}
            </Anchor>
          ) : null}
          <Group justify="flex-end" gap="sm" pb="xl">
            <Button variant="default" size="md" component={Link} to="/clientes">
              {t('clients.register.cancel')}
            </Button>
            <Button type="submit" size="md" loading={register.isPending}>
              {t('clients.register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

function FormSection({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg">
      <Title order={2} size="h4" mb={hint ? 4 : 'md'}>
        {title}
      </Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="md">
          {hint}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

/** Finds an adult client to be the minor's legal guardian (search by name or CPF). */
function GuardianPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const results = useQuery(
    trpc.clients.search.queryOptions({ query, limit: 10 }, { enabled: query.length >= 2 }),
  );
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const options = (results.data?.items ?? [])
    .filter((c) => c.age >= 18)
    .map((c) => ({ value: c.id, label: `${c.fullName} · ${c.cpfMasked}` }));
  const data = picked && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      size="md"
      label={t('clients.fields.guardian')}
      placeholder={t('clients.register.guardianPlaceholder')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
        onChange(id);
      }}
      nothingFoundMessage={
        query.length >= 2 ? t('clients.register.guardianNone') : t('clients.register.guardianType')
      }
      filter={({ options: all }) => all}
      error={error}
      data-error={error ? 'true' : undefined}
    />
  );
}
