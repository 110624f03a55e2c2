import { Group, Stack, Switch, Text } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { type TDayHours, weekdayKey } from './opening-hours';

export type TOpeningHoursEditorProps = {
  week: TDayHours[];
  onChange: (week: TDayHours[]) => void;
  invalid: readonly number[];
};

/** Domingo to Sábado: open or closed, and from what time to what time. */
export function OpeningHoursEditor({ week, onChange, invalid }: TOpeningHoursEditorProps) {
  const { t } = useTranslation();
  const update = (weekday: number, patch: Partial<TDayHours>) =>
    onChange(week.map((day) => (day.weekday === weekday ? { ...day, ...patch } : day)));

  return (
    <Stack gap={6}>
      {week.map((day) => {
        const name = t(`weekdays.${weekdayKey(day.weekday)}`);
        const isInvalid = invalid.includes(day.weekday);
        return (
          <Group key={day.weekday} gap="md" wrap="nowrap" mih={44} data-testid={`hours-${day.weekday}`}>
            <Switch
              checked={day.isOpen}
              onChange={(event) => update(day.weekday, { isOpen: event.currentTarget.checked })}
              aria-label={t('clinic.hours.openOn', { day: name })}
              size="md"
            />
            <Text w={112} fw={500} size="sm">
              {name}
            </Text>
            {day.isOpen ? (
              <Group gap="xs" wrap="nowrap">
                <TimePicker
                  aria-label={t('clinic.hours.opensOn', { day: name })}
                  value={day.opens}
                  onChange={(opens) => update(day.weekday, { opens })}
                  format="24h"
                  w={96}
                  error={isInvalid}
                  hoursInputLabel={t('clinic.hours.hours')}
                  minutesInputLabel={t('clinic.hours.minutes')}
                />
                <Text size="sm" c="dimmed">
                  {t('clinic.hours.to')}
                </Text>
                <TimePicker
                  aria-label={t('clinic.hours.closesOn', { day: name })}
                  value={day.closes}
                  onChange={(closes) => update(day.weekday, { closes })}
                  format="24h"
                  w={96}
                  error={isInvalid}
                  hoursInputLabel={t('clinic.hours.hours')}
                  minutesInputLabel={t('clinic.hours.minutes')}
                />
                {day.otherIntervals.length > 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('clinic.hours.moreIntervals', {
                      intervals: day.otherIntervals.map((i) => `${i.opens}–${i.closes}`).join(', '),
                    })}
                  </Text>
                ) : null}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('clinic.hours.closed')}
              </Text>
            )}
          </Group>
        );
      })}
      {invalid.length > 0 ? (
        <Text size="sm" c="red.8" role="alert">
          {t('clinic.hours.invalid')}
        </Text>
      ) : null}
    </Stack>
  );
}
