export * from './brazil-ids';
export * from './catalog';
export * from './clients';
export * from './identity';
export * from './inventory';
export * from './prediction';
export * from './resources';
export * from './system';
