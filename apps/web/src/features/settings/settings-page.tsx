import { PageHeader } from '@clinia/ui';
import { Tabs } from '@mantine/core';
import {
  IconBuildingHospital,
  IconCalendarEvent,
  IconScale,
  IconSettings,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AgendaSettingsTab } from '../agenda/agenda-settings-tab';
import { ClinicSettingsTab } from '../clinic-settings/clinic-settings-tab';
import { CompetencePolicyTab } from '../competence-policy/competence-policy-tab';
import { useSignedInUser } from '../identity/use-me';
import { TeamTab } from '../team/team-tab';
import { settingsAccessOf, TAB_PARAMS, type TSettingsTab, tabFromParam } from './settings-access';

const TAB_ICONS = {
  team: IconUsersGroup,
  clinic: IconBuildingHospital,
  policy: IconScale,
  agenda: IconCalendarEvent,
} as const;

/** /configuracoes: team, clinic and competence policy, as tabs the user's roles allow. */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const { tabs, canManage } = settingsAccessOf(me.roles);
  const active = tabFromParam(params.get('aba'), tabs);

  return (
    <>
      <PageHeader
        title={t('nav.settings')}
        description={t('settings.description')}
        icon={<IconSettings size={24} />}
      />
      <Tabs
        value={active}
        onChange={(value) =>
          setParams({ aba: TAB_PARAMS[(value as TSettingsTab | null) ?? 'team'] }, { replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {tabs.map((tab) => {
            const Icon = TAB_ICONS[tab];
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={18} />} fz="md" py="sm">
                {t(`settings.tabs.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="team">
          <TeamTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="clinic">
          <ClinicSettingsTab canManage={canManage} />
        </Tabs.Panel>
        {tabs.includes('policy') ? (
          <Tabs.Panel value="policy">
            <CompetencePolicyTab canManage={canManage} />
          </Tabs.Panel>
        ) : null}
        {tabs.includes('agenda') ? (
          <Tabs.Panel value="agenda">
            <AgendaSettingsTab canManage={canManage} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}
