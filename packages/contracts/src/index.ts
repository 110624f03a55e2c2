export * from './brazil-ids';
export * from './clients';
export * from './identity';
export * from './resources';
export * from './system';
