import { PageHeader } from '@clinia/ui';
import { Tabs } from '@mantine/core';
import { IconChartBar, IconClock, IconInbox, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canDo, useSignedInUser } from '../identity/use-me';
import { DashboardTab } from './dashboard-tab';
import { OutboxTab } from './outbox-tab';
import { PlanTab } from './plan-tab';
import { TemplatesTab } from './templates-tab';

type TMessagingTab = 'painel' | 'modelos' | 'fila' | 'plano';

/**
 * The messaging area. Who may (messaging.dashboard, messaging.outbox.manage: the manager) sees the
 * delivery dashboard and the send queue; everyone who cares for clients reads templates and the
 * reminder plan, and edits them with messaging.templates.manage / messaging.plan.manage.
 */
export function MessagingPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const seesDashboard = canDo(me, 'messaging.dashboard');
  const seesOutbox = canDo(me, 'messaging.outbox.manage');
  const tabs: TMessagingTab[] = [
    ...(seesDashboard ? (['painel'] as const) : []),
    'modelos',
    ...(seesOutbox ? (['fila'] as const) : []),
    'plano',
  ];
  const [params, setParams] = useSearchParams();
  const fromParam = params.get('aba') as TMessagingTab | null;
  const tab = fromParam && tabs.includes(fromParam) ? fromParam : (tabs[0] ?? 'modelos');
  const icons = {
    painel: <IconChartBar size={18} />,
    modelos: <IconTemplate size={18} />,
    fila: <IconInbox size={18} />,
    plano: <IconClock size={18} />,
  };
  return (
    <>
      <PageHeader title={t('messaging.title')} description={t('messaging.description')} />
      <Tabs
        value={tab}
        onChange={(value) => value && setParams({ aba: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key} leftSection={icons[key]} py="md">
              {t(`messaging.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {seesDashboard && (
          <Tabs.Panel value="painel">
            <DashboardTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="modelos">
          <TemplatesTab canEdit={canDo(me, 'messaging.templates.manage')} />
        </Tabs.Panel>
        {seesOutbox && (
          <Tabs.Panel value="fila">
            <OutboxTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="plano">
          <PlanTab canEdit={canDo(me, 'messaging.plan.manage')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
