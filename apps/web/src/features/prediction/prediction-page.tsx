import { PageHeader } from '@clinia/ui';
import { Tabs } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconAlertCircle, IconChartDots3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useNow } from '../../shell/use-now';
import { localDateOf, shiftDate } from '../agenda/agenda-time';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';
import { ModelTab } from './model-tab';
import { NoShowPanel } from './noshow-panel';
import { PolicyEditor } from './policy-editor';

type TTab = 'panel' | 'policy' | 'model';

/** Tab names as they appear in the address bar (pt-BR, like the paths). */
const TAB_PARAMS: Record<TTab, string> = { panel: 'risco', policy: 'politica', model: 'modelo' };

/** /faltas: tomorrow's risky appointments and their actions first, then the action policy, then the model. */
export function PredictionPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const now = useNow();
  const tomorrow = shiftDate(localDateOf(now, timeZone), 1);
  const [params, setParams] = useSearchParams();
  const tab = (Object.entries(TAB_PARAMS).find(([, value]) => value === params.get('aba'))?.[0] ??
    'panel') as TTab;
  const dayParam = params.get('dia');
  const date = dayParam && /^\d{4}-\d{2}-\d{2}$/.test(dayParam) ? dayParam : tomorrow;
  const isManager = canDo(me, 'prediction.manage');
  // The panel's actions need the agenda's booking permission (reception and management).
  const canAct = canDo(me, 'agenda.book');

  const update = (next: { tab?: TTab; date?: string }) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next.tab) {
          updated.set('aba', TAB_PARAMS[next.tab]);
        }
        if (next.date) {
          if (next.date === tomorrow) {
            updated.delete('dia');
          } else {
            updated.set('dia', next.date);
          }
        }
        return updated;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('nav.noshow')} description={t('noshow.description')} icon={<IconChartDots3 />} />
      <Tabs
        value={tab}
        onChange={(value) => update({ tab: (value as TTab | null) ?? 'panel' })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="panel" leftSection={<IconAlertCircle size={18} />} fz="md" py="sm">
            {t('noshow.tabs.panel')}
          </Tabs.Tab>
          <Tabs.Tab value="policy" leftSection={<IconAdjustmentsHorizontal size={18} />} fz="md" py="sm">
            {t('noshow.tabs.policy')}
          </Tabs.Tab>
          <Tabs.Tab value="model" leftSection={<IconChartDots3 size={18} />} fz="md" py="sm">
            {t('noshow.tabs.model')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="panel">
          <NoShowPanel
            date={date}
            tomorrow={tomorrow}
            timeZone={timeZone}
            canAct={canAct}
            onDateChange={(next) => update({ date: next })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="policy">
          <PolicyEditor canManage={isManager} />
        </Tabs.Panel>
        <Tabs.Panel value="model">
          <ModelTab canManage={isManager} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
