export {
  enqueueRecallNotice,
  mapAppointmentsPort,
  registerClientWithConsents,
} from '../modules/messaging/test-support';
export * from './context';
export * from './databases';
export * from './errors';
export * from './fixtures';
