export * from './enums.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './mail.ts';
export * from './programmes.ts';
export * from './calls.ts';
export * from './proposals.ts';
export * from './files.ts';
