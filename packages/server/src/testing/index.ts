export * from './context';
export * from './databases';
export * from './errors';
export * from './fixtures';
