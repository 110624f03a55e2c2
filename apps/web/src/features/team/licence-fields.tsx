import { COUNCILS, type TCouncil, UFS } from '@clinia/contracts';
import { Group, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TLicenceFields } from './team-forms';

export type TLicenceFieldErrors = Partial<
  Record<'council' | 'number' | 'uf' | 'specialties' | 'rqe', string>
>;

export type TLicenceFieldsProps = {
  value: TLicenceFields;
  onChange: (value: TLicenceFields) => void;
  /** Councils the person's roles allow; the council is fixed when there is only one. */
  councils: readonly TCouncil[];
  errors?: TLicenceFieldErrors;
};

const ufOptions = UFS.map((uf) => ({ value: uf, label: uf }));

/** Council registration: council (from the role), number, UF, specialties and, for physicians, RQE. */
export function LicenceFields({ value, onChange, councils, errors = {} }: TLicenceFieldsProps) {
  const { t } = useTranslation();
  const options = (councils.length > 0 ? councils : COUNCILS).map((c) => ({ value: c, label: c }));
  const set = (patch: Partial<TLicenceFields>) => onChange({ ...value, ...patch });

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Select
          label={t('team.licence.council')}
          data={options}
          value={value.council}
          onChange={(council) => set({ council: council as TCouncil | null })}
          readOnly={councils.length === 1}
          allowDeselect={false}
          error={errors.council}
          w={110}
          style={{ flexShrink: 0 }}
        />
        <TextInput
          label={t('team.licence.number')}
          inputMode="numeric"
          value={value.number}
          onChange={(event) => set({ number: event.currentTarget.value.replace(/\D/g, '').slice(0, 7) })}
          error={errors.number}
          style={{ flex: 1 }}
        />
      </Group>
      <Select
        label={t('team.licence.uf')}
        placeholder={t('team.licence.ufPlaceholder')}
        data={ufOptions}
        value={value.uf}
        onChange={(uf) => set({ uf })}
        searchable
        error={errors.uf}
      />
      <TagsInput
        label={t('team.licence.specialties')}
        placeholder={t('team.licence.tagsPlaceholder')}
        value={value.specialties}
        onChange={(specialties) => set({ specialties })}
        error={errors.specialties}
        maxTags={20}
      />
      {value.council === 'CRM' ? (
        <TagsInput
          label={t('team.licence.rqe')}
          placeholder={t('team.licence.tagsPlaceholder')}
          value={value.rqe}
          onChange={(rqe) => set({ rqe: rqe.map((r) => r.replace(/\D/g, '')).filter(Boolean) })}
          error={errors.rqe}
          maxTags={20}
        />
      ) : null}
    </SimpleGrid>
  );
}
