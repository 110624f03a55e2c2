import type { TSystemInfo } from '@clinia/contracts';
import { Code, NavLink, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type TDemoAccountsCardProps = {
  demo: NonNullable<TSystemInfo['demo']>;
  onPick: (email: string, password: string) => void;
};

/** Only on a demo database: the seeded accounts, one click to fill the sign-in form. */
export function DemoAccountsCard({ demo, onPick }: TDemoAccountsCardProps) {
  const { t } = useTranslation();
  return (
    <Paper
      component="section"
      aria-labelledby="demo-accounts-title"
      radius="lg"
      p="lg"
      bg="transparent"
      style={{ border: '1px dashed var(--mantine-color-stone-3)' }}
      data-testid="demo-accounts"
    >
      <Stack gap="sm">
        <div>
          <Text id="demo-accounts-title" component="h2" fw={600} size="md" m={0}>
            {t('signIn.demo.title')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('signIn.demo.password')} <Code fz="sm">{demo.password}</Code>
          </Text>
        </div>
        <Stack gap={2}>
          {demo.accounts.map((account) => (
            <NavLink
              key={account.email}
              component="button"
              type="button"
              onClick={() => onPick(account.email, demo.password)}
              aria-label={t('signIn.demo.use', { name: account.fullName })}
              label={
                <>
                  {account.fullName}{' '}
                  <Text component="span" size="sm" c="dimmed">
                    · {account.roleLabel}
                  </Text>
                </>
              }
              description={account.email}
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontWeight: 500 } }}
            />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
