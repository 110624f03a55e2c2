import {
  PHOTO_AREA_LABELS,
  PHOTO_DELETE_REASON_LABELS,
  PHOTO_DELETE_REASONS,
  PHOTO_MOMENT_LABELS,
  PHOTO_POSE_LABELS,
  type TPhotoDeleteReason,
} from '@clinia/contracts';
import { ConfirmDialog, formatDateTime } from '@clinia/ui';
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Switch, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { PhotoImage } from './photo-image';

export type TClientPhotos = TRouterOutputs['photos']['list'];
export type TPhotoItem = TClientPhotos['photos'][number];

/** One photo at full size, with its publicity switch (gated by the current consent) and soft delete. */
export function PhotoDetailModal({
  photo,
  publicityConsent,
  onClose,
}: {
  photo: TPhotoItem;
  publicityConsent: TClientPhotos['publicityConsent'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [isDeleting, setIsDeleting] = useState(false);
  const [reason, setReason] = useState<TPhotoDeleteReason | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const refresh = () =>
    queryClient.invalidateQueries(trpc.photos.list.queryFilter({ clientId: photo.clientId }));
  const publicity = useMutation(
    trpc.photos.setPublicity.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const remove = useMutation(
    trpc.photos.delete.mutationOptions({
      onSuccess: () => {
        void refresh();
        onClose();
      },
    }),
  );
  const consentGranted = publicityConsent === 'concedido';
  const isMarked = photo.publicity !== 'none';
  const labels = {
    area: PHOTO_AREA_LABELS[photo.area],
    pose: PHOTO_POSE_LABELS[photo.pose],
    moment: PHOTO_MOMENT_LABELS[photo.moment],
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      radius="lg"
      padding="lg"
      centered
      title={t('photos.detail.title', labels)}
    >
      <Stack gap="md">
        <PhotoImage
          photoId={photo.id}
          variant="original"
          alt={t('photos.detail.title', labels)}
          height="50vh"
          fit="contain"
        />
        <Group gap="lg">
          <Text size="sm">{t('photos.takenAt', { date: formatDateTime(photo.takenAt, timeZone) })}</Text>
          {photo.uploadedByName ? (
            <Text size="sm" c="dimmed">
              {t('photos.uploadedBy', { name: photo.uploadedByName })}
            </Text>
          ) : null}
        </Group>
        <Stack gap={6}>
          <Switch
            size="lg"
            checked={isMarked}
            disabled={!consentGranted && !isMarked}
            label={t('photos.detail.publicity')}
            description={t('photos.detail.publicityHint')}
            onChange={(event) =>
              publicity.mutate({ photoId: photo.id, isPublicity: event.currentTarget.checked })
            }
            data-testid="photo-publicity-switch"
          />
          {!consentGranted ? (
            <Alert color="yellow" data-testid="photo-publicity-consent-missing">
              <Stack gap={4}>
                <Text size="sm">
                  {publicityConsent === 'revogado'
                    ? t('photos.detail.publicityRevoked')
                    : t('photos.detail.publicityMissing')}
                </Text>
                {photo.publicity === 'suspended' ? (
                  <Text size="sm">{t('photos.detail.publicitySuspended')}</Text>
                ) : null}
                <Anchor
                  component={Link}
                  to={`/clientes/${photo.clientId}?aba=consentimentos`}
                  size="sm"
                  onClick={onClose}
                >
                  {t('photos.detail.goToConsents')}
                </Anchor>
              </Stack>
            </Alert>
          ) : null}
          {publicity.error ? (
            <Text size="sm" c="red" role="alert">
              {toUserError(publicity.error, t)}
            </Text>
          ) : null}
        </Stack>
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="red"
            size="md"
            leftSection={<IconTrash size={18} />}
            onClick={() => setIsDeleting(true)}
          >
            {t('photos.detail.delete')}
          </Button>
          <Button variant="default" size="md" onClick={onClose}>
            {t('photos.detail.close')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isDeleting}
        title={t('photos.detail.deleteTitle')}
        confirmLabel={t('photos.detail.deleteConfirm')}
        cancelLabel={t('photos.uploadModal.cancel')}
        isDangerous
        isLoading={remove.isPending}
        error={
          remove.error
            ? toUserError(remove.error, t)
            : reasonMissing
              ? t('photos.detail.deleteReasonRequired')
              : null
        }
        onCancel={() => setIsDeleting(false)}
        onConfirm={() => {
          setReasonMissing(reason === null);
          if (reason) remove.mutate({ photoId: photo.id, reason });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('photos.detail.deleteBody')}</Text>
          <Select
            label={t('photos.detail.deleteReason')}
            data={PHOTO_DELETE_REASONS.map((r) => ({ value: r, label: PHOTO_DELETE_REASON_LABELS[r] }))}
            value={reason}
            onChange={(v) => setReason(v as TPhotoDeleteReason | null)}
            comboboxProps={{ withinPortal: true }}
            size="md"
          />
        </Stack>
      </ConfirmDialog>
    </Modal>
  );
}
