import {
  PHOTO_AREA_LABELS,
  PHOTO_AREAS,
  PHOTO_MAX_MB,
  PHOTO_MOMENT_LABELS,
  PHOTO_POSE_LABELS,
  PHOTO_POSES_BY_AREA,
  type TPhotoArea,
  type TPhotoMoment,
  type TPhotoPose,
} from '@clinia/contracts';
import { formatDateTime } from '@clinia/ui';
import {
  Alert,
  Button,
  FileButton,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconCamera, IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import {
  formatFileSize,
  PHOTO_ACCEPT,
  photoFileProblem,
  readFileAsBase64,
  type TPhotoFileProblem,
  takenAtFromFile,
} from './photo-file';

/**
 * Upload on a tablet: area, then the standard pose as large buttons, then before/after, then the
 * camera or gallery. The server re-encodes and strips metadata; here we only pre-check type and size.
 */
export function UploadPhotoModal({
  clientId,
  initialArea,
  onClose,
}: {
  clientId: string;
  initialArea: TPhotoArea | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [area, setArea] = useState<TPhotoArea>(initialArea ?? 'face');
  const [pose, setPose] = useState<TPhotoPose>(PHOTO_POSES_BY_AREA[initialArea ?? 'face'][0] ?? 'frontal');
  const [moment, setMoment] = useState<TPhotoMoment>('antes');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<TPhotoFileProblem | null>(null);
  const [isReading, setIsReading] = useState(false);
  const upload = useMutation(
    trpc.photos.upload.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.photos.list.queryFilter({ clientId }));
        onClose();
      },
    }),
  );
  const errors = toFormErrors(upload.error, t, [
    'contentBase64',
    'pose',
    'area',
    'moment',
    'takenAt',
  ] as const);
  const takenAt = file ? takenAtFromFile(file, new Date()) : null;
  const fileMessage =
    problem !== null ? t(`photos.uploadModal.${problem}`, { mb: PHOTO_MAX_MB }) : errors.fields.contentBase64;

  const chooseArea = (next: TPhotoArea) => {
    setArea(next);
    if (!PHOTO_POSES_BY_AREA[next].includes(pose)) setPose(PHOTO_POSES_BY_AREA[next][0] ?? 'frontal');
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      radius="lg"
      padding="lg"
      centered
      title={t('photos.uploadModal.title')}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = photoFileProblem(file);
          setProblem(found);
          if (found || !file || !takenAt) return;
          setIsReading(true);
          void readFileAsBase64(file)
            .then((contentBase64) =>
              upload.mutate({ clientId, area, pose, moment, takenAt: takenAt.toISOString(), contentBase64 }),
            )
            .finally(() => setIsReading(false));
        }}
      >
        <Stack gap="lg">
          <Stack gap={6}>
            <Text fw={600} id="photo-area-label">
              {t('photos.uploadModal.area')}
            </Text>
            <SimpleGrid
              cols={{ base: 2, sm: 3 }}
              spacing="xs"
              role="radiogroup"
              aria-labelledby="photo-area-label"
            >
              {PHOTO_AREAS.map((a) => (
                <Button
                  key={a}
                  role="radio"
                  aria-checked={a === area}
                  variant={a === area ? 'filled' : 'default'}
                  size="lg"
                  h={56}
                  onClick={() => chooseArea(a)}
                  data-testid={`photo-area-${a}`}
                >
                  {PHOTO_AREA_LABELS[a]}
                </Button>
              ))}
            </SimpleGrid>
          </Stack>
          <Stack gap={6}>
            <Text fw={600} id="photo-pose-label">
              {t('photos.uploadModal.pose')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('photos.uploadModal.poseHint')}
            </Text>
            <SimpleGrid
              cols={{ base: 2, sm: 3 }}
              spacing="xs"
              role="radiogroup"
              aria-labelledby="photo-pose-label"
            >
              {PHOTO_POSES_BY_AREA[area].map((p) => (
                <Button
                  key={p}
                  role="radio"
                  aria-checked={p === pose}
                  variant={p === pose ? 'filled' : 'default'}
                  size="lg"
                  h={72}
                  leftSection={p === pose ? <IconCheck size={20} /> : null}
                  onClick={() => setPose(p)}
                  data-testid={`photo-pose-${p}`}
                >
                  {PHOTO_POSE_LABELS[p]}
                </Button>
              ))}
            </SimpleGrid>
            {errors.fields.pose ? (
              <Text size="sm" c="red">
                {errors.fields.pose}
              </Text>
            ) : null}
          </Stack>
          <Stack gap={6}>
            <Text fw={600}>{t('photos.uploadModal.moment')}</Text>
            <SegmentedControl
              size="lg"
              fullWidth
              value={moment}
              onChange={(v) => setMoment(v as TPhotoMoment)}
              data={(['antes', 'depois'] as const).map((m) => ({ value: m, label: PHOTO_MOMENT_LABELS[m] }))}
              aria-label={t('photos.uploadModal.moment')}
            />
          </Stack>
          <Stack gap={6}>
            <Text fw={600}>{t('photos.uploadModal.file')}</Text>
            <Group>
              <FileButton
                accept={PHOTO_ACCEPT}
                onChange={(chosen) => {
                  setFile(chosen);
                  setProblem(chosen ? photoFileProblem(chosen) : null);
                  upload.reset();
                }}
              >
                {(props) => (
                  <Button {...props} size="lg" h={64} variant="light" leftSection={<IconCamera size={22} />}>
                    {t('photos.uploadModal.chooseFile')}
                  </Button>
                )}
              </FileButton>
              {file ? (
                <Stack gap={0}>
                  <Text size="sm" data-testid="photo-file-chosen">
                    {t('photos.uploadModal.fileChosen', { name: file.name, size: formatFileSize(file.size) })}
                  </Text>
                  {takenAt ? (
                    <Text size="xs" c="dimmed">
                      {t('photos.uploadModal.takenAt', { date: formatDateTime(takenAt, timeZone) })}
                    </Text>
                  ) : null}
                </Stack>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              {t('photos.uploadModal.fileHint', { mb: PHOTO_MAX_MB })}
            </Text>
            {fileMessage ? (
              <Text size="sm" c="red" role="alert">
                {fileMessage}
              </Text>
            ) : null}
          </Stack>
          {errors.form ? (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={onClose}>
              {t('photos.uploadModal.cancel')}
            </Button>
            <Button
              type="submit"
              size="lg"
              loading={isReading || upload.isPending}
              data-testid="photo-upload-submit"
            >
              {t('photos.uploadModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
