import { PHOTO_AREA_LABELS, PHOTO_MOMENT_LABELS, PHOTO_POSE_LABELS } from '@clinia/contracts';
import { formatDate } from '@clinia/ui';
import {
  Alert,
  Box,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import type { TPhotoItem } from './photo-detail-modal';
import { comparablePairs } from './photo-file';
import { PhotoImage } from './photo-image';

const FRAME = '62vh';

/**
 * Before and after at the same area and pose: side by side, or overlaid with the after photo's
 * opacity on a slider (the usual way to judge small changes in volume or wrinkles).
 */
export function PhotoComparisonModal({
  photos,
  onClose,
}: {
  photos: readonly TPhotoItem[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const pairs = comparablePairs(photos);
  const [pairKey, setPairKey] = useState<string | null>(
    pairs[0] ? `${pairs[0].area}/${pairs[0].pose}` : null,
  );
  const pair = pairs.find((p) => `${p.area}/${p.pose}` === pairKey) ?? pairs[0];
  const [beforeId, setBeforeId] = useState<string | null>(null);
  const [afterId, setAfterId] = useState<string | null>(null);
  const [mode, setMode] = useState<'side' | 'overlay'>('side');
  const [opacity, setOpacity] = useState(50);
  const before = pair?.before.find((p) => p.id === beforeId) ?? pair?.before.at(-1);
  const after = pair?.after.find((p) => p.id === afterId) ?? pair?.after[0];
  const optionOf = (p: TPhotoItem) => ({ value: p.id, label: formatDate(p.takenAt, timeZone) });
  const altOf = (p: TPhotoItem) =>
    `${PHOTO_AREA_LABELS[p.area]} · ${PHOTO_POSE_LABELS[p.pose]} · ${PHOTO_MOMENT_LABELS[p.moment]} · ${formatDate(p.takenAt, timeZone)}`;

  return (
    <Modal opened onClose={onClose} fullScreen radius={0} padding="lg" title={t('photos.comparison.title')}>
      {!pair || !before || !after ? (
        <Alert color="blue">{t('photos.comparison.none')}</Alert>
      ) : (
        <Stack gap="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Select
              label={`${t('photos.comparison.area')} · ${t('photos.comparison.pose')}`}
              size="md"
              w={300}
              value={`${pair.area}/${pair.pose}`}
              onChange={(v) => {
                setPairKey(v);
                setBeforeId(null);
                setAfterId(null);
              }}
              data={pairs.map((p) => ({
                value: `${p.area}/${p.pose}`,
                label: `${PHOTO_AREA_LABELS[p.area]} · ${PHOTO_POSE_LABELS[p.pose]}`,
              }))}
              allowDeselect={false}
            />
            <Select
              label={t('photos.comparison.before')}
              size="md"
              w={180}
              value={before.id}
              onChange={setBeforeId}
              data={pair.before.map(optionOf)}
              allowDeselect={false}
            />
            <Select
              label={t('photos.comparison.after')}
              size="md"
              w={180}
              value={after.id}
              onChange={setAfterId}
              data={pair.after.map(optionOf)}
              allowDeselect={false}
            />
            <SegmentedControl
              size="md"
              value={mode}
              onChange={(v) => setMode(v as 'side' | 'overlay')}
              aria-label={t('photos.comparison.mode')}
              data={[
                { value: 'side', label: t('photos.comparison.sideBySide') },
                { value: 'overlay', label: t('photos.comparison.overlay') },
              ]}
              data-testid="photo-compare-mode"
            />
          </Group>
          {mode === 'side' ? (
            <SimpleGrid cols={2} spacing="md">
              {[before, after].map((p) => (
                <Stack key={p.id} gap={4}>
                  <Text fw={600} ta="center">
                    {PHOTO_MOMENT_LABELS[p.moment]} · {formatDate(p.takenAt, timeZone)}
                  </Text>
                  <PhotoImage photoId={p.id} variant="original" alt={altOf(p)} height={FRAME} fit="contain" />
                </Stack>
              ))}
            </SimpleGrid>
          ) : (
            <Stack gap="sm">
              <Box pos="relative" h={FRAME} data-testid="photo-overlay">
                <PhotoImage
                  photoId={before.id}
                  variant="original"
                  alt={altOf(before)}
                  height={FRAME}
                  fit="contain"
                  style={{ position: 'absolute', inset: 0 }}
                />
                <PhotoImage
                  photoId={after.id}
                  variant="original"
                  alt={altOf(after)}
                  height={FRAME}
                  fit="contain"
                  style={{ position: 'absolute', inset: 0, opacity: opacity / 100 }}
                />
              </Box>
              <Group gap="md" wrap="nowrap">
                <Text size="sm" fw={600} w={60}>
                  {t('photos.comparison.before')}
                </Text>
                <Slider
                  flex={1}
                  size="xl"
                  thumbSize={32}
                  value={opacity}
                  onChange={setOpacity}
                  label={(v) => `${v}%`}
                  aria-label={t('photos.comparison.opacity')}
                  data-testid="photo-overlay-opacity"
                />
                <Text size="sm" fw={600} w={60} ta="right">
                  {t('photos.comparison.after')}
                </Text>
              </Group>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onClose}>
              {t('photos.comparison.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
