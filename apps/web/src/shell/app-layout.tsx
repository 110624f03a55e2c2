import { AppShell, Burger, Container, Divider, Group, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLeaf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { ClinicClock } from './clinic-clock';
import { MainNavigation } from './main-navigation';
import { useSystemInfo } from './use-system-info';

function Wordmark() {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to="/" c="sage.8" aria-label={t('nav.home')}>
      <Group gap={8} wrap="nowrap">
        <IconLeaf size={24} stroke={1.7} aria-hidden />
        <Text component="span" fz={22} fw={700} lh={1} style={{ letterSpacing: '-0.02em' }}>
          {t('app.name')}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

/** The frame around every page: header with clinic and clock, the area navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const systemInfo = useSystemInfo();
  const clinic = systemInfo.data?.clinic ?? null;

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
            {systemInfo.isPending ? (
              <Skeleton height={14} width={160} visibleFrom="sm" />
            ) : clinic ? (
              <Group gap="md" wrap="nowrap" miw={0} visibleFrom="sm">
                <Divider orientation="vertical" h={24} style={{ alignSelf: 'center' }} />
                <Text c="stone.7" fw={500} truncate="end" data-testid="header-clinic-name">
                  {clinic.name}
                </Text>
              </Group>
            ) : null}
          </Group>
          {clinic ? <ClinicClock timeZone={clinic.timeZone} /> : null}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="md">
        <MainNavigation onNavigate={closeNav} />
      </AppShell.Navbar>

      <AppShell.Main>
        <Container size={1080} px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
