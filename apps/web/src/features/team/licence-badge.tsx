import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TStaffLicence } from './team-types';

const STATUS_COLOR: Record<TStaffLicence['status'], string> = {
  ativa: 'green',
  pendente: 'yellow',
  irregular: 'red',
  nao_encontrada: 'red',
  erro_verificacao: 'red',
};

export type TLicenceBadgeProps = {
  licence: Pick<TStaffLicence, 'status' | 'situationLabel'>;
};

/** The licence status in a word and a colour; the council's own wording (situação) in the tooltip. */
export function LicenceStatusBadge({ licence }: TLicenceBadgeProps) {
  const { t } = useTranslation();
  const badge = (
    <Badge
      tt="none"
      color={STATUS_COLOR[licence.status]}
      variant="light"
      size="sm"
      miw="fit-content"
      data-status={licence.status}
    >
      {t(`team.licenceStatus.${licence.status}`)}
    </Badge>
  );
  return licence.situationLabel ? (
    <Tooltip label={licence.situationLabel} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** "CRM 9100001/SP" */
export function licenceLabelOf(licence: Pick<TStaffLicence, 'council' | 'number' | 'uf'>): string {
  return `${licence.council} ${licence.number}/${licence.uf}`;
}
