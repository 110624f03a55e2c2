// The only sanctioned barrel: drizzle-kit and relational queries need the whole schema.
export * from './audit';
export * from './catalog';
export * from './clients';
export * from './compliance';
export * from './crypto';
export * from './identity';
export * from './inventory';
export * from './messaging';
export * from './organizations';
export * from './photos';
export * from './prediction';
export * from './scheduling';
export * from './sessions';
export * from './staff';
