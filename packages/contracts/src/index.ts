export * from './brazil-ids';
export * from './system';
