import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

export type TCopyFieldProps = {
  value: string;
  copyLabel: string;
  copiedLabel: string;
  /** Icons for the button before and after copying (the app owns its icon set). */
  icons: { copy: ReactNode; copied: ReactNode };
  /** For end-to-end tests that read the value. */
  testId?: string;
};

/** A value shown in full (monospace, wrapping anywhere) with a copy button beside it. */
export function CopyField({ value, copyLabel, copiedLabel, icons, testId }: TCopyFieldProps) {
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="center"
      py="xs"
      pl="md"
      pr="xs"
      bg="stone.0"
      style={{ border: '1px solid var(--mantine-color-stone-2)', borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all', flex: 1 }} data-testid={testId}>
        {value}
      </Text>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? copiedLabel : copyLabel} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'light'}
              size="lg"
              onClick={copy}
              aria-label={copied ? copiedLabel : copyLabel}
            >
              {copied ? icons.copied : icons.copy}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
