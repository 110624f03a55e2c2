import {
  PHOTO_AREA_LABELS,
  PHOTO_AREAS,
  PHOTO_POSE_LABELS,
  PHOTO_POSES_BY_AREA,
  type TPhotoArea,
  type TPhotoMoment,
  type TPhotoPose,
  type TTreatmentSession,
} from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import { Alert, Button, FileButton, Group, Select, Text } from '@mantine/core';
import { IconCamera, IconPhoto } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

/** Before/after capture at a standard pose; on a signed record only after-photos can be added. */
export function PhotosCard({ session, onUploaded }: { session: TTreatmentSession; onUploaded: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [area, setArea] = useState<TPhotoArea>('face');
  const [pose, setPose] = useState<TPhotoPose>(PHOTO_POSES_BY_AREA.face[0] as TPhotoPose);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation(
    trpc.photos.upload.mutationOptions({
      onSuccess: (photo) => {
        setDone(
          t('sessions.photos.uploadedWhat', {
            moment: photo.moment === 'antes' ? t('sessions.photos.before') : t('sessions.photos.after'),
            where: `${PHOTO_AREA_LABELS[photo.area]} · ${PHOTO_POSE_LABELS[photo.pose]}`,
          }),
        );
        onUploaded();
      },
    }),
  );
  const send = async (file: File | null, moment: TPhotoMoment) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    upload.mutate({
      clientId: session.clientId,
      sessionId: session.id,
      appointmentId: session.appointmentId,
      area,
      pose,
      moment,
      contentBase64: btoa(binary),
    });
  };
  return (
    <SectionCard title={t('sessions.photos.title')} icon={<IconCamera size={18} />}>
      <Group align="flex-end" grow>
        <Select
          size="lg"
          label={t('sessions.photos.area')}
          data={PHOTO_AREAS.map((a) => ({ value: a, label: PHOTO_AREA_LABELS[a] }))}
          value={area}
          onChange={(v) => {
            const next = (v ?? 'face') as TPhotoArea;
            setArea(next);
            setPose(PHOTO_POSES_BY_AREA[next][0] as TPhotoPose);
          }}
        />
        <Select
          size="lg"
          label={t('sessions.photos.pose')}
          data={PHOTO_POSES_BY_AREA[area].map((p) => ({ value: p, label: PHOTO_POSE_LABELS[p] }))}
          value={pose}
          onChange={(v) => v && setPose(v as TPhotoPose)}
        />
      </Group>
      <Group mt="md" grow>
        {(session.status === 'signed' ? (['depois'] as const) : (['antes', 'depois'] as const)).map(
          (moment) => (
            <FileButton
              key={moment}
              accept="image/jpeg,image/png,image/heic,image/heif"
              capture="environment"
              onChange={(f) => void send(f, moment)}
            >
              {(props) => (
                <Button
                  {...props}
                  size="xl"
                  variant="light"
                  leftSection={<IconCamera size={22} />}
                  data-testid={`photo-${moment}`}
                  loading={upload.isPending}
                >
                  {moment === 'antes' ? t('sessions.photos.before') : t('sessions.photos.after')}
                </Button>
              )}
            </FileButton>
          ),
        )}
      </Group>
      {session.status === 'signed' ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('sessions.photos.afterSigned')}
        </Text>
      ) : null}
      {done ? (
        <Text size="sm" c="teal" mt="sm" data-testid="photo-uploaded">
          {done}
        </Text>
      ) : null}
      <Button
        component={Link}
        to={`/clientes/${session.clientId}?aba=fotos`}
        variant="subtle"
        size="lg"
        px="xs"
        mt="sm"
        leftSection={<IconPhoto size={18} />}
        data-testid="open-photo-comparison"
      >
        {t('sessions.photos.compare')}
      </Button>
      {upload.error ? (
        <Alert color="red" mt="sm">
          {toUserError(upload.error, t)}
        </Alert>
      ) : null}
    </SectionCard>
  );
}
