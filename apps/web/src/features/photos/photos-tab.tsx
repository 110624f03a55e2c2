import {
  PHOTO_AREA_LABELS,
  PHOTO_AREAS,
  PHOTO_MOMENT_LABELS,
  PHOTO_POSE_LABELS,
  PHOTO_POSES_BY_AREA,
  type TPhotoArea,
} from '@clinia/contracts';
import { EmptyState, formatDate, SectionCard } from '@clinia/ui';
import {
  Badge,
  Button,
  Chip,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowsHorizontal, IconCamera, IconPhoto, IconSpeakerphone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { PhotoComparisonModal } from './photo-comparison';
import { PhotoDetailModal, type TPhotoItem } from './photo-detail-modal';
import { comparablePairs } from './photo-file';
import { PhotoImage } from './photo-image';
import { UploadPhotoModal } from './upload-photo-modal';

/** The client's photo gallery: by area and standard pose order, with upload, comparison and publicity. */
export function PhotosTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // Consent may change on the next tab: read the gallery fresh every time it is opened.
  const list = useQuery(trpc.photos.list.queryOptions({ clientId }, { retry: false, staleTime: 0 }));
  const [area, setArea] = useState<TPhotoArea | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const [isComparing, setIsComparing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  if (list.isPending) return <Skeleton height={320} radius="lg" />;
  if (list.isError) return <QueryErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { photos, publicityConsent } = list.data;
  const areasWithPhotos = PHOTO_AREAS.filter((a) => photos.some((p) => p.area === a));
  const shown = area ? photos.filter((p) => p.area === area) : photos;
  const open = photos.find((p) => p.id === openId);
  const canCompare = comparablePairs(photos).length > 0;

  return (
    <SectionCard
      title={t('photos.title')}
      icon={<IconPhoto size={18} />}
      aside={
        <Group gap="xs">
          <Button
            component={Link}
            to="/clientes/divulgacao"
            variant="subtle"
            size="md"
            leftSection={<IconSpeakerphone size={18} />}
          >
            {t('photos.publicityPage.link')}
          </Button>
          <Button
            variant="default"
            size="md"
            leftSection={<IconArrowsHorizontal size={18} />}
            disabled={!canCompare}
            onClick={() => setIsComparing(true)}
            data-testid="photos-compare"
          >
            {t('photos.compare')}
          </Button>
          <Button
            size="md"
            leftSection={<IconCamera size={18} />}
            onClick={() => setIsUploading(true)}
            data-testid="photos-upload"
          >
            {t('photos.upload')}
          </Button>
        </Group>
      }
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('photos.hint')}
        </Text>
        {photos.length === 0 ? (
          <EmptyState
            title={t('photos.empty')}
            description={t('photos.emptyHint')}
            icon={<IconPhoto size={28} stroke={1.5} />}
          />
        ) : (
          <>
            {areasWithPhotos.length > 1 ? (
              <Chip.Group
                value={area ?? 'all'}
                onChange={(v) => setArea(v === 'all' ? null : (v as TPhotoArea))}
              >
                <Group gap="xs" aria-label={t('photos.areaFilter')}>
                  <Chip value="all" size="md">
                    {t('photos.allAreas')}
                  </Chip>
                  {areasWithPhotos.map((a) => (
                    <Chip key={a} value={a} size="md">
                      {PHOTO_AREA_LABELS[a]}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            ) : null}
            {(area ? [area] : areasWithPhotos).map((a) => (
              <AreaGallery key={a} area={a} photos={shown.filter((p) => p.area === a)} onOpen={setOpenId} />
            ))}
          </>
        )}
      </Stack>
      {isUploading ? (
        <UploadPhotoModal clientId={clientId} initialArea={area} onClose={() => setIsUploading(false)} />
      ) : null}
      {isComparing ? <PhotoComparisonModal photos={photos} onClose={() => setIsComparing(false)} /> : null}
      {open ? (
        <PhotoDetailModal photo={open} publicityConsent={publicityConsent} onClose={() => setOpenId(null)} />
      ) : null}
    </SectionCard>
  );
}

function AreaGallery({
  area,
  photos,
  onOpen,
}: {
  area: TPhotoArea;
  photos: TPhotoItem[];
  onOpen: (id: string) => void;
}) {
  const poseOrder = PHOTO_POSES_BY_AREA[area];
  const sorted = [...photos].sort(
    (a, b) => poseOrder.indexOf(a.pose) - poseOrder.indexOf(b.pose) || b.takenAt.localeCompare(a.takenAt),
  );
  return (
    <Stack gap="xs">
      <Text fw={600}>{PHOTO_AREA_LABELS[area]}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 5 }} spacing="sm" data-testid={`photos-gallery-${area}`}>
        {sorted.map((photo) => (
          <PhotoCard key={photo.id} photo={photo} onOpen={() => onOpen(photo.id)} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function PhotoCard({ photo, onOpen }: { photo: TPhotoItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const date = formatDate(photo.takenAt, timeZone);
  const pose = PHOTO_POSE_LABELS[photo.pose];
  const moment = PHOTO_MOMENT_LABELS[photo.moment];
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={t('photos.openPhoto', { pose, moment, date })}
      data-testid="photo-card"
    >
      <Paper withBorder radius="md" p={6}>
        <PhotoImage
          photoId={photo.id}
          variant="thumbnail"
          alt={`${pose} · ${moment} · ${date}`}
          height={180}
        />
        <Stack gap={2} mt={6}>
          <Group gap={4} justify="space-between" wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {pose}
            </Text>
            <Badge variant="light" color={photo.moment === 'antes' ? 'gray' : 'teal'} size="md" tt="none">
              {moment}
            </Badge>
          </Group>
          <Group gap={4} justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {date}
            </Text>
            {photo.publicity === 'active' ? (
              <Badge variant="dot" color="grape" size="sm" tt="none">
                {t('photos.publicityBadge')}
              </Badge>
            ) : photo.publicity === 'suspended' ? (
              <Badge variant="dot" color="orange" size="sm" tt="none">
                {t('photos.publicitySuspendedBadge')}
              </Badge>
            ) : null}
          </Group>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}
