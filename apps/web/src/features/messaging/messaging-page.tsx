import { PageHeader } from '@clinia/ui';
import { Tabs } from '@mantine/core';
import { IconChartBar, IconClock, IconInbox, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedInUser } from '../identity/use-me';
import { DashboardTab } from './dashboard-tab';
import { OutboxTab } from './outbox-tab';
import { PlanTab } from './plan-tab';
import { TemplatesTab } from './templates-tab';

type TMessagingTab = 'painel' | 'modelos' | 'fila' | 'plano';

/**
 * The messaging area. The manager sees the delivery dashboard and the send queue (the server's
 * matrix: messaging.dashboard and messaging.outbox.manage); everyone who cares for clients reads
 * templates and the reminder plan.
 */
export function MessagingPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const isManager = me.roles.includes('gestor');
  const tabs: TMessagingTab[] = isManager ? ['painel', 'modelos', 'fila', 'plano'] : ['modelos', 'plano'];
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
        {isManager && (
          <Tabs.Panel value="painel">
            <DashboardTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="modelos">
          <TemplatesTab canEdit={isManager} />
        </Tabs.Panel>
        {isManager && (
          <Tabs.Panel value="fila">
            <OutboxTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="plano">
          <PlanTab canEdit={isManager} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
