import { parsePtBrDate } from '@clinia/ui';
import { TZDate } from '@date-fns/tz';
import { Group, Input } from '@mantine/core';
import { DateInput, type DateInputProps, TimePicker, type TimePickerProps } from '@mantine/dates';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Date and time fields typed and shown as dd/mm/aaaa and 24 h, whatever the browser's language: a native
 * `<input type="date">` follows the browser (an English one shows 12/07/2026 for 7 December, a trap on
 * an expiry date). Values stay the native ones: 'YYYY-MM-DD', 'HH:mm', 'YYYY-MM-DDTHH:mm' (or '').
 */

type TDateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value: string;
  onChange: (value: string) => void;
};

export function DateField({ value, onChange, ...rest }: TDateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parsePtBrDate}
      placeholder={t('common.datePlaceholder')}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      {...rest}
    />
  );
}

type TTimeFieldProps = Omit<TimePickerProps, 'value' | 'onChange' | 'format'> & {
  value: string;
  onChange: (value: string) => void;
};

export function TimeField({ value, onChange, ...rest }: TTimeFieldProps) {
  const { t } = useTranslation();
  return (
    <TimePicker
      format="24h"
      value={value}
      onChange={(next) => onChange(next.slice(0, 5))}
      hoursInputLabel={t('common.hours')}
      minutesInputLabel={t('common.minutes')}
      {...rest}
    />
  );
}

type TDateTimeFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string | undefined;
  'data-testid'?: string;
};

/** A local wall-clock instant ('YYYY-MM-DDTHH:mm'); '' until both the day and the time are filled. */
export function DateTimeField({ label, value, onChange, required, error, ...rest }: TDateTimeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  // What this field last reported: a different value comes from the parent (a reset after saving).
  const emitted = useRef(value);
  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    setDate(value.slice(0, 10));
    setTime(value.slice(11, 16));
  }, [value]);
  const emit = (nextDate: string, nextTime: string) => {
    emitted.current = nextDate && nextTime ? `${nextDate}T${nextTime}` : '';
    onChange(emitted.current);
  };
  const testId = rest['data-testid'];
  return (
    <Input.Wrapper label={label} required={required} error={error} id={id}>
      <Group gap="xs" wrap="nowrap" mt={4}>
        <DateField
          id={id}
          aria-label={`${label}: ${t('common.day')}`}
          value={date}
          onChange={(next) => {
            setDate(next);
            emit(next, time);
          }}
          error={Boolean(error)}
          w={150}
          data-testid={testId ? `${testId}-date` : undefined}
        />
        <TimeField
          aria-label={`${label}: ${t('common.time')}`}
          value={time}
          onChange={(next) => {
            setTime(next);
            emit(date, next);
          }}
          error={Boolean(error)}
          data-testid={testId ? `${testId}-time` : undefined}
        />
      </Group>
    </Input.Wrapper>
  );
}

/** The instant of a local wall-clock 'YYYY-MM-DDTHH:mm' in the clinic's zone (not the browser's); null if incomplete. */
export function instantOfLocal(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) {
    return null;
  }
  const [, year, month, day, hour, minute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime()).toISOString();
}
