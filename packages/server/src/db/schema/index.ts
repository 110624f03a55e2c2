// The only sanctioned barrel: drizzle-kit and relational queries need the whole schema.
export * from './audit';
export * from './organizations';
