export { ConfirmDialog, type TConfirmDialogProps } from './confirm-dialog';
export { CopyField, type TCopyFieldProps } from './copy-field';
export { DetailList, type TDetailItem, type TDetailListProps } from './detail-list';
export { EmptyState, type TEmptyStateProps } from './empty-state';
export {
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatMoney,
  formatTime,
  formatTimeZoneLabel,
  parsePtBrDate,
  type TTimeZoneLabelLocale,
} from './format';
export { PageHeader, type TPageHeaderProps } from './page-header';
export { SectionCard, type TSectionCardProps } from './section-card';
export { theme } from './theme';
