export * from './operator-config.js';
export * from './load-config.js';
export * from './config.module.js';
export { isLoopbackHost, servesOpenApi } from './security-config.js';
