import type { TTemplate } from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { channelLabel, kindLabel, previewTemplate } from './message-labels';

/** Template editor with a live preview; the manager edits, everyone else reads. */
export function TemplatesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const templates = useQuery(trpc.messaging.templates.queryOptions(undefined, { retry: false }));
  const [selected, setSelected] = useState<string | null>(null);
  if (templates.isPending) return <Skeleton height={320} radius="lg" />;
  if (templates.isError)
    return <QueryErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const keyOf = (tpl: TTemplate) => `${tpl.key}:${tpl.channel}`;
  const current = templates.data.find((tpl) => keyOf(tpl) === selected) ?? templates.data[0];
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('messaging.templates.hint')}
      </Text>
      <Select
        label={t('messaging.timeline.what')}
        value={current ? keyOf(current) : null}
        onChange={setSelected}
        allowDeselect={false}
        searchable
        data={templates.data.map((tpl) => ({
          value: keyOf(tpl),
          label: `${kindLabel(tpl.key)} · ${channelLabel(tpl.channel)}`,
        }))}
        maw={480}
      />
      {current && (
        <TemplateEditor key={`${keyOf(current)}:${current.version}`} template={current} canEdit={canEdit} />
      )}
    </Stack>
  );
}

function TemplateEditor({ template, canEdit }: { template: TTemplate; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  const save = useMutation(
    trpc.messaging.saveTemplate.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: t('messaging.templates.saved') });
        await queryClient.invalidateQueries(trpc.messaging.templates.queryFilter());
      },
    }),
  );
  const errors = toFormErrors(save.error, t, ['subject', 'body']);
  const variables = template.variables.map((name, i) => `{{${i + 1}}} ${name}`).join(', ');
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <SectionCard title={kindLabel(template.key)} icon={<IconTemplate size={18} />}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({
              key: template.key,
              channel: template.channel,
              subject: template.channel === 'email' ? subject : null,
              body,
            });
          }}
        >
          <Stack gap="sm">
            <Group gap="xs">
              <Badge variant="light">{channelLabel(template.channel)}</Badge>
              <Badge variant="light" color={template.category === 'marketing' ? 'grape' : 'blue'}>
                {t(`messaging.templates.category.${template.category}`)}
              </Badge>
              {template.isDefault ? (
                <Badge variant="outline" color="gray">
                  {t('messaging.templates.defaultBadge')}
                </Badge>
              ) : (
                <Badge variant="outline">
                  {t('messaging.templates.version', { version: template.version })}
                </Badge>
              )}
            </Group>
            {template.providerTemplateName && (
              <Text size="xs" c="dimmed">
                {t('messaging.templates.providerName', { name: template.providerTemplateName })}
              </Text>
            )}
            {template.channel === 'email' && (
              <TextInput
                label={t('messaging.templates.subject')}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                readOnly={!canEdit}
                error={errors.fields.subject}
              />
            )}
            <Textarea
              label={t('messaging.templates.body')}
              description={t('messaging.templates.variables', { list: variables })}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              readOnly={!canEdit}
              autosize
              minRows={4}
              error={errors.fields.body}
            />
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            {canEdit ? (
              <Button type="submit" loading={save.isPending} w="fit-content">
                {t('messaging.templates.save')}
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                {t('messaging.templates.readOnly')}
              </Text>
            )}
          </Stack>
        </form>
      </SectionCard>
      <SectionCard title={t('messaging.templates.preview')}>
        <Text size="xs" c="dimmed" mb="sm">
          {t('messaging.templates.previewHint')}
        </Text>
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" data-testid="template-preview">
          {template.channel === 'email' && (
            <Text fw={600} mb="xs">
              {previewTemplate(subject, template.variables)}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {previewTemplate(body, template.variables)}
          </Text>
        </Paper>
      </SectionCard>
    </SimpleGrid>
  );
}
