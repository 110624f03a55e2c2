import { EmptyState, PageHeader } from '@clinia/ui';
import { Button } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState icon={<IconCompass size={28} stroke={1.5} />} title={t('notFound.description')}>
        <Button component={Link} to="/" variant="light">
          {t('notFound.backHome')}
        </Button>
      </EmptyState>
    </>
  );
}
