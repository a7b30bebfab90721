// Test helpers of @chat/platform (`@chat/platform/testing`): real-service detection and
// isolated adapters for tests.
export * from './adapters.ts';
export * from './pglite-template.ts';
export * from './services.ts';
