export * from './brazil-ids';
export * from './identity';
export * from './system';
