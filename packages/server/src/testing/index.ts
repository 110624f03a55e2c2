export * from './context';
export * from './databases';
