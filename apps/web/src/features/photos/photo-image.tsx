import { Center, Image, Loader, Paper, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc/trpc';

export type TPhotoVariant = 'original' | 'thumbnail';

/**
 * One clinical image, fetched through tRPC with the session cookie (never a URL with personal data,
 * never a public link) and shown as a data: URL. Each fetch is an audited view on the server, so the
 * result is kept for the page's lifetime instead of refetching.
 */
export function usePhotoImage(
  photoId: string,
  variant: TPhotoVariant,
  source: 'clinical' | 'publicity' = 'clinical',
) {
  const trpc = useTRPC();
  const options = { staleTime: Number.POSITIVE_INFINITY, gcTime: 10 * 60_000, retry: false } as const;
  const clinical = useQuery(
    trpc.photos.image.queryOptions({ photoId, variant }, { ...options, enabled: source === 'clinical' }),
  );
  const publicity = useQuery(
    trpc.photos.publicityImage.queryOptions(
      { photoId, variant },
      { ...options, enabled: source === 'publicity' },
    ),
  );
  const query = source === 'clinical' ? clinical : publicity;
  return {
    src: query.data ? `data:${query.data.mimeType};base64,${query.data.base64}` : null,
    isPending: query.isPending,
    isError: query.isError,
    width: query.data?.width ?? null,
    height: query.data?.height ?? null,
  };
}

export function PhotoImage({
  photoId,
  variant,
  alt,
  height,
  fit = 'cover',
  style,
  source = 'clinical',
}: {
  photoId: string;
  variant: TPhotoVariant;
  alt: string;
  height: number | string;
  fit?: 'cover' | 'contain';
  style?: CSSProperties;
  source?: 'clinical' | 'publicity';
}) {
  const { t } = useTranslation();
  const image = usePhotoImage(photoId, variant, source);
  if (image.src) {
    return (
      <Image src={image.src} alt={alt} h={height} fit={fit} radius="md" style={style} draggable={false} />
    );
  }
  return (
    <Paper h={height} radius="md" bg="gray.1" style={style}>
      <Center h="100%">
        {image.isError ? (
          <Text size="sm" c="dimmed" ta="center" px="xs">
            <IconPhotoOff size={20} style={{ verticalAlign: 'middle' }} /> {t('photos.imageFailed')}
          </Text>
        ) : (
          <Loader size="sm" aria-label={t('photos.loadingImage')} />
        )}
      </Center>
    </Paper>
  );
}
