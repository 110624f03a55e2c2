import { EmptyState, PageHeader } from '@clinia/ui';
import { useTranslation } from 'react-i18next';
import type { TNavItem } from '../../shell/nav-areas';

export type TAreaPageProps = {
  area: TNavItem & { key: Exclude<TNavItem['key'], 'home'> };
};

/** An area that later issues will build; until then it says plainly what it will hold. */
export function AreaPage({ area }: TAreaPageProps) {
  const { t } = useTranslation();
  const Icon = area.icon;

  return (
    <>
      <PageHeader title={t(`nav.${area.key}`)} />
      <EmptyState
        icon={<Icon size={28} stroke={1.5} />}
        title={t(`areas.${area.key}`)}
        description={t('areas.unavailable')}
      />
    </>
  );
}
