import { CONSENT_PURPOSE_LABELS, PROCEDURE_CATEGORY_LABELS, type TConsentPurpose } from '@clinia/contracts';
import { formatDateTime, SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Group, Modal, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import type { TClientProfile } from './client-types';
import {
  emptySignature,
  SignatureFields,
  signatureProblem,
  type TSignatureState,
  toEvidence,
} from './signature-fields';

type TConsentState = TRouterOutputs['clients']['consents']['states'][number];
type TDocument = TRouterOutputs['clients']['consentDocuments'][number];

const CARE: readonly TConsentPurpose[] = ['aviso_privacidade', 'imagem_prontuario', 'tcle'];
const STATUS_COLOR = { concedido: 'teal', revogado: 'gray', pendente: 'yellow' } as const;

export function consentLabel(purpose: TConsentPurpose, category: string | null): string {
  if (!category) return CONSENT_PURPOSE_LABELS[purpose];
  const procedure = PROCEDURE_CATEGORY_LABELS[category as keyof typeof PROCEDURE_CATEGORY_LABELS] ?? category;
  return purpose === 'tcle' ? `TCLE · ${procedure}` : `${CONSENT_PURPOSE_LABELS[purpose]} · ${procedure}`;
}

/** Consent per purpose and channel: state, signed vs current version, grant or withdraw with evidence. */
export function ConsentsTab({ client }: { client: TClientProfile }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const consents = useQuery(trpc.clients.consents.queryOptions({ clientId: client.id }, { retry: false }));
  const documents = useQuery(trpc.clients.consentDocuments.queryOptions());
  const [signing, setSigning] = useState<{ state: TConsentState; action: 'grant' | 'withdraw' } | null>(null);

  if (consents.isPending || documents.isPending) return <Skeleton height={320} radius="lg" />;
  if (consents.isError || documents.isError) {
    const error = consents.error ?? documents.error;
    return <QueryErrorState error={error} onRetry={() => void consents.refetch()} />;
  }
  const care = consents.data.states.filter((s) => CARE.includes(s.purpose));
  const optional = consents.data.states.filter((s) => !CARE.includes(s.purpose));
  const document = signing ? documents.data.find((d) => d.id === signing.state.documentId) : undefined;

  return (
    <Stack gap="lg">
      <ConsentTable
        title={t('clients.consents.careTitle')}
        hint={t('clients.consents.careHint')}
        states={care}
        onAct={(state, action) => setSigning({ state, action })}
      />
      <ConsentTable
        title={t('clients.consents.optionalTitle')}
        hint={t('clients.consents.optionalHint')}
        states={optional}
        onAct={(state, action) => setSigning({ state, action })}
      />
      {signing && document ? (
        <SignConsentModal
          key={`${signing.state.documentId}-${signing.action}`}
          client={client}
          document={document}
          action={signing.action}
          onClose={() => setSigning(null)}
        />
      ) : null}
    </Stack>
  );
}

function ConsentTable({
  title,
  hint,
  states,
  onAct,
}: {
  title: string;
  hint: string;
  states: TConsentState[];
  onAct: (state: TConsentState, action: 'grant' | 'withdraw') => void;
}) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  return (
    <SectionCard title={title} icon={<IconSignature size={18} />}>
      <Text size="sm" c="dimmed" mb="md">
        {hint}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" fz="sm" data-testid="consents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clients.consents.purpose')}</Table.Th>
              <Table.Th>{t('clients.consents.status')}</Table.Th>
              <Table.Th>{t('clients.consents.versionColumn')}</Table.Th>
              <Table.Th>{t('clients.consents.since')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {states.map((s) => {
              const outdated =
                s.status === 'concedido' && s.signedVersion !== null && s.signedVersion < s.currentVersion;
              return (
                <Table.Tr
                  key={s.documentId}
                  data-testid={`consent-${s.purpose}${s.procedureCategory ? `-${s.procedureCategory}` : ''}`}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {consentLabel(s.purpose, s.procedureCategory)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} w={130}>
                    <Badge
                      color={STATUS_COLOR[s.status]}
                      variant="light"
                      size="lg"
                      tt="none"
                      styles={{ label: { overflow: 'visible' } }}
                      data-testid="consent-status"
                    >
                      {t(`clients.consents.statuses.${s.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {s.signedVersion ? t('clients.consents.version', { version: s.signedVersion }) : '—'}
                    {outdated ? (
                      <Text size="xs" c="orange">
                        {t('clients.consents.outdated', { version: s.currentVersion })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {s.since ? formatDateTime(s.since, timeZone) : '—'}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {s.status !== 'concedido' || outdated ? (
                        <Button size="sm" onClick={() => onAct(s, 'grant')}>
                          {s.purpose === 'aviso_privacidade'
                            ? t('clients.consents.acknowledge')
                            : t('clients.consents.grant')}
                        </Button>
                      ) : null}
                      {s.status === 'concedido' && s.purpose !== 'aviso_privacidade' ? (
                        <Button size="sm" variant="default" color="red" onClick={() => onAct(s, 'withdraw')}>
                          {t('clients.consents.withdraw')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

/** The document as the client reads it on the tablet, then who signs, the typed name and the drawing. */
function SignConsentModal({
  client,
  document,
  action,
  onClose,
}: {
  client: TClientProfile;
  document: TDocument;
  action: 'grant' | 'withdraw';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [signature, setSignature] = useState<TSignatureState>(() => emptySignature());
  const [problem, setProblem] = useState<'typedName' | 'drawing' | null>(null);
  const change = useMutation(
    trpc.clients.changeConsent.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.clients.consents.queryFilter({ clientId: client.id }));
        onClose();
      },
    }),
  );
  const errors = toFormErrors(change.error, t, ['evidence.typedName', 'evidence.signer', 'signer'] as const);
  const title = consentLabel(document.purpose, document.procedureCategory);
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      radius="lg"
      padding="lg"
      centered
      title={
        <Stack gap={0}>
          <Text fw={600}>
            {action === 'grant'
              ? t('clients.consents.grantTitle', { title })
              : t('clients.consents.withdrawTitle', { title })}
          </Text>
          <Text size="xs" c="dimmed" data-testid="document-version">
            {t('clients.consents.documentMeta', {
              version: document.version,
              hash: document.sha256.slice(0, 12),
            })}
          </Text>
        </Stack>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = signatureProblem(signature);
          setProblem(found);
          if (found) return;
          change.mutate({
            clientId: client.id,
            documentId: document.id,
            action,
            evidence: toEvidence(signature),
          });
        }}
      >
        <Stack gap="md">
          <Text fw={600}>{document.title}</Text>
          <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
            <Text size="md" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
              {document.body}
            </Text>
          </ScrollArea.Autosize>
          {action === 'withdraw' ? (
            <Alert color="yellow">{t('clients.consents.withdrawEffect')}</Alert>
          ) : null}
          <SignatureFields
            value={signature}
            onChange={(next) => {
              setSignature(next);
              setProblem(null);
            }}
            hasGuardian={client.guardian !== null}
            errors={{
              typedName:
                problem === 'typedName'
                  ? t('clients.signature.typedNameRequired')
                  : errors.fields['evidence.typedName'],
              drawing: problem === 'drawing' ? t('clients.signature.drawingRequired') : undefined,
              signer: errors.fields['evidence.signer'] ?? errors.fields.signer,
            }}
          />
          {errors.form ? (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onClose}>
              {t('clients.consents.cancel')}
            </Button>
            <Button
              type="submit"
              size="md"
              color={action === 'withdraw' ? 'red' : undefined}
              loading={change.isPending}
            >
              {action === 'grant'
                ? t('clients.consents.confirmGrant')
                : t('clients.consents.confirmWithdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
