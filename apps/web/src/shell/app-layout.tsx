import { AppShell, Burger, Container, Divider, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { activeClinicOf, useSignedInUser } from '../features/identity/use-me';
import { ClinicClock } from './clinic-clock';
import { MainNavigation } from './main-navigation';
import { isWidePath } from './nav-areas';
import { UserMenu } from './user-menu';
import { Wordmark } from './wordmark';

/** The frame around every signed-in page: header with clinic, clock and user, the area navigation, the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const clinic = activeClinicOf(useSignedInUser());
  // Time grids (the agenda) use the whole width; reading pages keep a comfortable line length.
  const isWide = isWidePath(useLocation().pathname);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: 'md', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
      bg="stone.0"
    >
      <AppShell.Header px={{ base: 'md', sm: 'lg' }}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="md" wrap="nowrap" miw={0}>
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom="md"
              size="sm"
              aria-label={isNavOpen ? t('app.closeNavigation') : t('app.openNavigation')}
            />
            <Wordmark />
            {clinic.name ? (
              <Group gap="md" wrap="nowrap" miw={0} visibleFrom="sm">
                <Divider orientation="vertical" h={24} style={{ alignSelf: 'center' }} />
                <Text c="stone.7" fw={500} truncate="end" data-testid="header-clinic-name">
                  {clinic.name}
                </Text>
              </Group>
            ) : null}
          </Group>
          <Group gap="lg" wrap="nowrap">
            <ClinicClock timeZone={clinic.timeZone} />
            <Divider orientation="vertical" h={28} style={{ alignSelf: 'center' }} visibleFrom="sm" />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="md">
        <MainNavigation onNavigate={closeNav} />
      </AppShell.Navbar>

      <AppShell.Main>
        <Container size={isWide ? '100%' : 1080} px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
