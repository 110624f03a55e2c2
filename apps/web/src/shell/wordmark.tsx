import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconLeaf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type TWordmarkProps = {
  /** Links home in the app header; plain text on the sign-in screens. */
  isLink?: boolean;
};

export function Wordmark({ isLink = true }: TWordmarkProps) {
  const { t } = useTranslation();
  const mark = (
    <Group gap={8} wrap="nowrap" c="sage.8">
      <IconLeaf size={24} stroke={1.7} aria-hidden />
      <Text component="span" fz={22} fw={700} lh={1} style={{ letterSpacing: '-0.02em' }}>
        {t('app.name')}
      </Text>
    </Group>
  );
  return isLink ? (
    <UnstyledButton component={Link} to="/" aria-label={t('nav.home')}>
      {mark}
    </UnstyledButton>
  ) : (
    mark
  );
}
