import { SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SignaturePad } from './signature-pad';

export type TSignatureState = {
  typedName: string;
  drawnSignaturePng: string | null;
  signer: 'client' | 'guardian';
  channel: 'presencial_tablet' | 'presencial_papel';
};

export const emptySignature = (typedName = ''): TSignatureState => ({
  typedName,
  drawnSignaturePng: null,
  signer: 'client',
  channel: 'presencial_tablet',
});

/** The evidence sent to the server; the drawn image only when signed on the tablet. */
export function toEvidence(state: TSignatureState) {
  return {
    typedName: state.typedName,
    signer: state.signer,
    channel: state.channel,
    ...(state.channel === 'presencial_tablet' && state.drawnSignaturePng
      ? { drawnSignaturePng: state.drawnSignaturePng }
      : {}),
  };
}

/** A tablet signature needs the drawing; paper needs only the typed name (the sheet is filed). */
export function signatureProblem(state: TSignatureState): 'typedName' | 'drawing' | null {
  if (state.typedName.trim().length < 3) return 'typedName';
  if (state.channel === 'presencial_tablet' && !state.drawnSignaturePng) return 'drawing';
  return null;
}

export type TSignatureFieldsProps = {
  value: TSignatureState;
  onChange: (next: TSignatureState) => void;
  /** Offer "responsável legal" as signer (minors, or a client with a guardian on file). */
  hasGuardian: boolean;
  errors: { typedName?: string | undefined; drawing?: string | undefined; signer?: string | undefined };
};

/** Who signs, how, the typed name and the drawn signature: the evidence of one grant or withdrawal. */
export function SignatureFields({ value, onChange, hasGuardian, errors }: TSignatureFieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {hasGuardian ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('clients.signature.signer')}
          </Text>
          <SegmentedControl
            fullWidth
            size="md"
            value={value.signer}
            onChange={(signer) => onChange({ ...value, signer: signer as TSignatureState['signer'] })}
            data={[
              { value: 'client', label: t('clients.signature.signerClient') },
              { value: 'guardian', label: t('clients.signature.signerGuardian') },
            ]}
          />
          {errors.signer ? (
            <Text size="xs" c="red">
              {errors.signer}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('clients.signature.channel')}
        </Text>
        <SegmentedControl
          fullWidth
          size="md"
          value={value.channel}
          onChange={(channel) => onChange({ ...value, channel: channel as TSignatureState['channel'] })}
          data={[
            { value: 'presencial_tablet', label: t('clients.signature.channelTablet') },
            { value: 'presencial_papel', label: t('clients.signature.channelPaper') },
          ]}
        />
      </Stack>
      <TextInput
        size="md"
        label={t('clients.signature.typedName')}
        description={t('clients.signature.typedNameHint')}
        value={value.typedName}
        onChange={(event) => onChange({ ...value, typedName: event.currentTarget.value })}
        error={errors.typedName}
        autoComplete="off"
      />
      {value.channel === 'presencial_tablet' ? (
        <Stack gap={4}>
          <SignaturePad
            label={t('clients.signature.drawLabel')}
            onChange={(png) => onChange({ ...value, drawnSignaturePng: png })}
          />
          {errors.drawing ? (
            <Text size="xs" c="red">
              {errors.drawing}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('clients.signature.paperHint')}
        </Text>
      )}
    </Stack>
  );
}
