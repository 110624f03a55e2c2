import { RISK_ACTION_STATUS_LABELS, type TRiskActionItem } from '@clinia/contracts';
import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

/**
 * The suggested actions of one risky appointment: buttons while planned, the result once done, a
 * quiet line once dismissed, and for the control group one explained "no action" mark.
 */
export function RiskActions({ actions, canAct }: { actions: readonly TRiskActionItem[]; canAct: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const act = useMutation(
    trpc.scheduling.noShowAct.mutationOptions({
      onSuccess: (_item, input) => {
        notifications.show({
          color: 'sage',
          message: input.decision === 'do' ? t('noshow.panel.done') : t('noshow.panel.dismissed'),
        });
      },
      onError: (error) => notifications.show({ color: 'red', message: toUserError(error, t) }),
      // The panel and any open drawer read the same items; refetch them whatever happened.
      onSettled: () => queryClient.invalidateQueries(trpc.scheduling.noShowPanel.queryFilter()),
    }),
  );

  if (actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noshow.panel.noActions')}
      </Text>
    );
  }
  if (actions.every((a) => a.assignment === 'holdout')) {
    return (
      <Tooltip
        label={t('noshow.panel.holdoutWhy')}
        multiline
        maw={320}
        events={{ hover: true, focus: true, touch: true }}
      >
        <Badge
          variant="light"
          color="gray"
          radius="sm"
          tabIndex={0}
          rightSection={<IconInfoCircle size={12} />}
          style={{ textTransform: 'none', cursor: 'help' }}
          data-testid="noshow-holdout"
        >
          {t('noshow.panel.holdout')}
        </Badge>
      </Tooltip>
    );
  }

  const isBusy = (item: TRiskActionItem) => act.isPending && act.variables?.actionId === item.id;
  return (
    <Stack gap={6}>
      {actions.map((item) => {
        const label = t(`noshow.panel.act.${item.action}`);
        if (item.status === 'done') {
          return (
            <Group
              key={item.id}
              gap={6}
              wrap="nowrap"
              align="flex-start"
              data-testid="noshow-action"
              data-action={item.action}
              data-status="done"
            >
              <IconCheck
                size={16}
                color="var(--mantine-color-sage-7)"
                style={{ flex: 'none', marginTop: 2 }}
              />
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {label} · {RISK_ACTION_STATUS_LABELS.done}
                </Text>
                {item.detail ? (
                  <Text size="xs" c="dimmed">
                    {item.detail}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          );
        }
        if (item.status === 'dismissed' || item.status === 'withheld') {
          return (
            <Text
              key={item.id}
              size="sm"
              c="dimmed"
              data-testid="noshow-action"
              data-action={item.action}
              data-status={item.status}
            >
              {label} · {RISK_ACTION_STATUS_LABELS[item.status]}
              {item.detail ? ` · ${item.detail}` : ''}
            </Text>
          );
        }
        if (!canAct) {
          return (
            <Text
              key={item.id}
              size="sm"
              data-testid="noshow-action"
              data-action={item.action}
              data-status="planned"
            >
              {label} · {RISK_ACTION_STATUS_LABELS.planned}
            </Text>
          );
        }
        return (
          <Group key={item.id} gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              loading={isBusy(item) && act.variables?.decision === 'do'}
              disabled={act.isPending && !isBusy(item)}
              onClick={() => act.mutate({ actionId: item.id, decision: 'do' })}
              data-testid="noshow-action"
              data-action={item.action}
              data-status="planned"
            >
              {label}
            </Button>
            <Tooltip label={t('noshow.panel.dismiss')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size={30}
                aria-label={t('noshow.panel.dismissLabel', { action: label })}
                loading={isBusy(item) && act.variables?.decision === 'dismiss'}
                disabled={act.isPending && !isBusy(item)}
                onClick={() => act.mutate({ actionId: item.id, decision: 'dismiss' })}
                data-testid="noshow-dismiss"
                data-action={item.action}
              >
                <IconX size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        );
      })}
    </Stack>
  );
}
