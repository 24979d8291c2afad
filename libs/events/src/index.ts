export * from './recorder/event-recorder.js';
