export * from './client/resource-client.js';
export * from './admission/admission-chain.js';
export * from './feed/change-feed.js';
