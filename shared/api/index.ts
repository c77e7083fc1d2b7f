export * from './auth.ts';
export * from './clients.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './keys.ts';
export * from './notification.ts';
export * from './push.ts';
export * from './routes.ts';
