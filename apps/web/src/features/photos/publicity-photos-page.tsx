import { PHOTO_AREA_LABELS, PHOTO_MOMENT_LABELS, PHOTO_POSE_LABELS } from '@clinia/contracts';
import { EmptyState, formatDate, PageHeader } from '@clinia/ui';
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { PhotoImage } from './photo-image';

/** The clinic's publicity photos: decided by the current consent at every load, nothing identifying. */
export function PublicityPhotosPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const list = useQuery(trpc.photos.publicityList.queryOptions(undefined, { retry: false, staleTime: 0 }));
  return (
    <>
      <Anchor component={Link} to="/clientes" size="sm" mb="xs" display="inline-block">
        {t('clients.profile.back')}
      </Anchor>
      <PageHeader
        title={t('photos.publicityPage.title')}
        description={t('photos.publicityPage.description')}
      />
      <Alert color="blue" mb="lg" icon={<IconSpeakerphone size={20} />}>
        {t('photos.publicityPage.rules')}
      </Alert>
      {list.isPending ? (
        <Skeleton height={240} radius="lg" />
      ) : list.isError ? (
        <QueryErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState
          title={t('photos.publicityPage.empty')}
          description={t('photos.publicityPage.emptyHint')}
          icon={<IconSpeakerphone size={28} stroke={1.5} />}
        />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" data-testid="publicity-photos">
          {list.data.map((photo) => {
            const label = `${PHOTO_AREA_LABELS[photo.area]} · ${PHOTO_POSE_LABELS[photo.pose]}`;
            return (
              <Paper key={photo.id} withBorder radius="md" p={6} data-testid="publicity-photo">
                <PhotoImage
                  photoId={photo.id}
                  variant="thumbnail"
                  alt={label}
                  height={200}
                  source="publicity"
                />
                <Stack gap={2} mt={6}>
                  <Group gap={4} justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600} truncate>
                      {label}
                    </Text>
                    <Badge variant="light" color={photo.moment === 'antes' ? 'gray' : 'teal'} tt="none">
                      {PHOTO_MOMENT_LABELS[photo.moment]}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('photos.publicityPage.markedAt', { date: formatDate(photo.markedAt, timeZone) })}
                  </Text>
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </>
  );
}
