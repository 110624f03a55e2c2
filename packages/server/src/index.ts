export {
  type Database,
  DatabaseOpenError,
  type Db,
  type DbOrTx,
  openDatabase,
  ping,
  type Tx,
} from './db/client';
export { MIGRATIONS_FOLDER, type MigrationStatus, migrationStatus, runMigrations } from './db/migrator';
export {
  DEFAULT_SEED_OPTIONS,
  isDatabaseEmpty,
  SEED_STEPS,
  type SeedOptions,
  type SeedReport,
  seedDemo,
} from './demo/seed';
export { rotateDataKeys, SEALED_COLUMNS } from './maintenance/key-rotation';
export { resolveSession, SESSION_COOKIE } from './modules/identity/identity.service';
export {
  type BookedAgendaSource,
  type BookedTreatmentCount,
  inMemoryAgendaSource,
  registerBookedAgendaSource,
} from './modules/inventory/ports';
export {
  type ImportSummary,
  importAnvisaRegistry,
  latin1FileLines,
  RegistryFileError,
} from './modules/inventory/registry.service';
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherDeps,
  startDispatcherLoop,
} from './modules/messaging/dispatcher';
export { createSmtpEmailSender } from './modules/messaging/email-smtp';
export { startFakeGraphServer } from './modules/messaging/fake-graph-server';
export { startFakeSmtpServer } from './modules/messaging/fake-smtp-server';
export {
  type AppointmentFacts,
  type ScheduleDeps,
  type SessionFacts,
  scheduleFollowUpInTx,
  schedulePostCareInTx,
  scheduleRemindersInTx,
} from './modules/messaging/messaging.service';
export { enqueueForEvent, type MessagingEvent } from './modules/messaging/outbox';
export {
  type AppointmentMessagingPort,
  type AppointmentReplies,
  appointmentPortFromReplies,
  noAppointmentsPort,
} from './modules/messaging/ports';
export { signWebhookBody } from './modules/messaging/signature';
export { handleWhatsAppWebhook } from './modules/messaging/webhook';
export { createWhatsAppCloudSender } from './modules/messaging/whatsapp-cloud';
export { type FakeS3Server, startFakeS3Server } from './modules/photos/fake-s3-server';
export { PHOTO_UPLOAD_BODY_LIMIT } from './modules/photos/photos.router';
export { createPhotoStorage, type ObjectStorage, photoStorageFor } from './modules/photos/storage';
export type { AppointmentHistoryRecord } from './modules/prediction/history';
export { auc, brier } from './modules/prediction/metrics';
export {
  type CalibrationMethod,
  type EvaluationResult,
  evaluateNoShowModel,
  type LearningMethod,
  type TrainingOptions,
} from './modules/prediction/model';
export { mapNoshowCsv, NOSHOW_CSV_TIME_ZONE, NoshowCsvError } from './modules/prediction/noshow-csv';
export {
  type AppointmentHistorySource,
  type AppointmentRiskScore,
  recordAppointmentOutcome,
  registerAppointmentHistorySource,
  retrainDueModels,
  scoreAppointments,
} from './modules/prediction/prediction.service';
export { bookedAgendaSourceFor } from './modules/scheduling/booked-agenda.service';
export { icsFeedForToken } from './modules/scheduling/ics.service';
export {
  cancelAppointmentFromReply,
  confirmAppointmentFromReply,
  getAppointmentForReminder,
  type ReplyOutcome,
  repliesForMessaging,
} from './modules/scheduling/replies';
export { rescoreUpcoming, schedulingHistorySource } from './modules/scheduling/risk.service';
export { expireWaitlistHolds } from './modules/scheduling/waitlist.service';
export { createCfmSoapRegistry } from './modules/staff/cfm-soap-registry';
export { DEMO_CFM_DOCTORS, startFakeCfmServer } from './modules/staff/fake-cfm-server';
export type { LicenceRegistry } from './modules/staff/licence-registry';
export { recheckDueLicences } from './modules/staff/staff.service';
export * from './platform/audit/audit';
export * from './platform/clock';
export * from './platform/config';
export {
  generateMasterKeyBase64,
  type Keyring,
  loadKeyring,
  parseMasterKey,
  reloadKeyring,
} from './platform/crypto/keyring';
export * from './platform/errors';
export { createLogger, type Logger, redactPersonalData } from './platform/logger';
export { createMetrics, type Metrics } from './platform/metrics';
export { createRateLimiter, type RateLimiter } from './platform/rate-limit';
export { channelSignals, createRealtimeHub, type RealtimeHub } from './platform/realtime/hub';
export { withSystem, withTenant } from './platform/tenancy/tenancy';
export type { AppRouter } from './trpc/app-router';
export { appRouter, createCaller } from './trpc/app-router';
export type { Context, ServiceDeps } from './trpc/context';
export { zodFieldErrors } from './trpc/init';
