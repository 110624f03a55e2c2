import { Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recoveryCodesFileText } from './mfa-secret';

export type TRecoveryCodesStepProps = {
  codes: readonly string[];
  onContinue: () => void;
  isContinuing: boolean;
};

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** The ten single-use recovery codes, shown once, with copy and download and an explicit acknowledgement. */
export function RecoveryCodesStep({ codes, onContinue, isContinuing }: TRecoveryCodesStepProps) {
  const { t } = useTranslation();
  const [hasSaved, setHasSaved] = useState(false);
  const text = recoveryCodesFileText(codes, t('mfaEnrolment.codes.fileHeading'));

  return (
    <Stack gap="lg">
      <Text>{t('mfaEnrolment.codes.explanation')}</Text>
      <Paper withBorder radius="md" p="lg" bg="stone.0">
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm" data-testid="recovery-codes">
          {codes.map((code) => (
            <Text key={code} ff="monospace" fz="lg" ta="center" style={{ letterSpacing: '0.06em' }}>
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm" grow>
        <CopyButton value={text} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              size="md"
              onClick={copy}
              leftSection={copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="light"
          size="md"
          leftSection={<IconDownload size={18} />}
          onClick={() => download('clinia-codigos-de-recuperacao.txt', text)}
        >
          {t('mfaEnrolment.codes.download')}
        </Button>
      </Group>
      <Checkbox
        size="md"
        label={t('mfaEnrolment.codes.acknowledge')}
        checked={hasSaved}
        onChange={(event) => setHasSaved(event.currentTarget.checked)}
      />
      <Button size="lg" fullWidth disabled={!hasSaved} loading={isContinuing} onClick={onContinue}>
        {t('mfaEnrolment.codes.continue')}
      </Button>
    </Stack>
  );
}
