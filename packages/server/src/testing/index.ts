export * from './context';
export * from './databases';
export * from './fixtures';
