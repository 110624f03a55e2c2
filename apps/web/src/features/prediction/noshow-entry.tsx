import { Button, Tooltip } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../trpc/trpc';

/**
 * The agenda toolbar's way into the no-show panel: "3 com risco alto amanhã" (light red only when there
 * is high risk), otherwise the medium count or a plain link, so the panel is always one click away.
 */
export function NoShowAgendaEntry({ tomorrow }: { tomorrow: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const panel = useQuery(trpc.scheduling.noShowPanel.queryOptions({ date: tomorrow }, { staleTime: 60_000 }));
  const items = panel.data?.items ?? [];
  const high = items.filter((i) => i.appointment.risk?.band === 'alto').length;
  const medium = items.filter((i) => i.appointment.risk?.band === 'medio').length;
  const label =
    high > 0
      ? t('noshow.agendaEntry.alto', { count: high })
      : medium > 0
        ? t('noshow.agendaEntry.medio', { count: medium })
        : t('noshow.agendaEntry.none');
  return (
    <Tooltip label={t('noshow.agendaEntry.hint')}>
      <Button
        component={Link}
        to="/faltas"
        ml="sm"
        variant={high > 0 ? 'light' : 'default'}
        color={high > 0 ? 'red' : undefined}
        leftSection={<IconAlertCircle size={18} />}
        loading={panel.isPending}
        data-testid="agenda-noshow-entry"
        data-high={high}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
