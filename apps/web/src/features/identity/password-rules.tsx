import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPoint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const MIN_PASSWORD_LENGTH = 12;

export type TPasswordRulesProps = {
  password: string;
};

/** The password policy in plain words; the length rule ticks as the user types (the server checks the rest). */
export function PasswordRules({ password }: TPasswordRulesProps) {
  const { t } = useTranslation();
  const isLongEnough = password.length >= MIN_PASSWORD_LENGTH;
  return (
    <List
      size="sm"
      spacing={4}
      c="dimmed"
      icon={
        <ThemeIcon size={18} radius="xl" variant="light" color="stone">
          <IconPoint size={12} />
        </ThemeIcon>
      }
    >
      <List.Item
        icon={
          isLongEnough ? (
            <ThemeIcon size={18} radius="xl" variant="light" color="green">
              <IconCheck size={12} />
            </ThemeIcon>
          ) : undefined
        }
      >
        <Text span size="sm" c={isLongEnough ? 'green.8' : 'dimmed'}>
          {t('password.rules.length', { min: MIN_PASSWORD_LENGTH })}
        </Text>
      </List.Item>
      <List.Item>{t('password.rules.common')}</List.Item>
    </List>
  );
}
