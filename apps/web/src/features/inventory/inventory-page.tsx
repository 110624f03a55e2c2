import { PageHeader } from '@clinia/ui';
import { Tabs } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBell,
  IconBox,
  IconPackage,
  IconPackageImport,
  IconRecycle,
  IconStethoscope,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AdverseEventsTab } from './adverse-events-tab';
import { AlertsTab } from './alerts-tab';
import { ProductsTab } from './products-tab';
import { RecallTab } from './recall-tab';
import { ReceiveTab } from './receive-tab';
import { StockTab } from './stock-tab';

const TABS = ['stock', 'receive', 'products', 'alerts', 'recall', 'adverse'] as const;
type TTab = (typeof TABS)[number];
/** pt-BR URL values (users read them): /estoque?aba=recolhimento. */
const TAB_PARAMS: Record<TTab, string> = {
  stock: 'estoque',
  receive: 'recebimento',
  products: 'produtos',
  alerts: 'alertas',
  recall: 'recolhimento',
  adverse: 'intercorrencias',
};
const TAB_ICONS = {
  stock: IconBox,
  receive: IconPackageImport,
  products: IconPackage,
  alerts: IconBell,
  recall: IconRecycle,
  adverse: IconAlertTriangle,
} as const;

function tabFromParam(param: string | null): TTab {
  return TABS.find((tab) => TAB_PARAMS[tab] === param) ?? 'stock';
}

/** /estoque: stock per clinic, receipt of goods, products, alerts, recall and adverse events. */
export function InventoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = tabFromParam(params.get('aba'));
  return (
    <>
      <PageHeader
        title={t('nav.inventory')}
        description={t('inventory.description')}
        icon={<IconStethoscope size={24} />}
      />
      <Tabs
        value={active}
        onChange={(value) =>
          setParams({ aba: TAB_PARAMS[(value as TTab | null) ?? 'stock'] }, { replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {TABS.map((tab) => {
            const Icon = TAB_ICONS[tab];
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={18} />} fz="md" py="sm">
                {t(`inventory.tabs.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="stock">
          <StockTab />
        </Tabs.Panel>
        <Tabs.Panel value="receive">
          <ReceiveTab />
        </Tabs.Panel>
        <Tabs.Panel value="products">
          <ProductsTab />
        </Tabs.Panel>
        <Tabs.Panel value="alerts">
          <AlertsTab />
        </Tabs.Panel>
        <Tabs.Panel value="recall">
          <RecallTab />
        </Tabs.Panel>
        <Tabs.Panel value="adverse">
          <AdverseEventsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
