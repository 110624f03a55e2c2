import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleLabelsOf, useSignedInUser } from '../features/identity/use-me';
import { useSignOut } from '../features/identity/use-sign-out';

function initialsOf(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/** Who is signed in and in which role here; the way to the account page and out. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const signOut = useSignOut();
  const roles = roleLabelsOf(me);

  return (
    <Menu position="bottom-end" width={260} radius="md" shadow="md">
      <Menu.Target>
        <UnstyledButton
          aria-label={t('userMenu.open', { name: me.fullName })}
          data-testid="user-menu"
          px={6}
          py={4}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group gap="sm" wrap="nowrap">
            <Avatar color="sage" radius="xl" size={36}>
              {initialsOf(me.fullName)}
            </Avatar>
            <Stack gap={0} visibleFrom="lg" maw={200}>
              <Text size="sm" fw={600} truncate="end" lh={1.3}>
                {me.fullName}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" lh={1.3}>
                {roles}
              </Text>
            </Stack>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={0} px="sm" py="xs">
          <Text size="sm" fw={600}>
            {me.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {roles}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {me.email}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item component={Link} to="/conta" leftSection={<IconUserCircle size={18} />}>
          {t('userMenu.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={18} />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
