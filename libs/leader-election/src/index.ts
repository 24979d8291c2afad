export * from './leadership.js';
