import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { canDo, useSignedInUser } from '../features/identity/use-me';
import { isNavItemActive, navItems } from './nav-areas';

export type TMainNavigationProps = {
  onNavigate?: () => void;
};

export function MainNavigation({ onNavigate }: TMainNavigationProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useSignedInUser();
  const visible = navItems.filter((item) => !item.action || canDo(me, item.action));

  return (
    <Stack component="nav" aria-label={t('app.mainNavigation')} gap={4}>
      {visible.map(({ key, path, icon: Icon }) => {
        const isActive = isNavItemActive(path, pathname);
        return (
          <NavLink
            key={key}
            component={Link}
            to={path}
            label={t(`nav.${key}`)}
            leftSection={<Icon size={20} stroke={1.6} />}
            active={isActive}
            aria-current={isActive ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            fw={isActive ? 600 : 500}
            styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 15 } }}
            py={10}
          />
        );
      })}
    </Stack>
  );
}
