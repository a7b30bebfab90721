// Dependencies a fault test runs itself, to kill -9 and restart them.
export { type PrivateBackend, startPrivateBackend } from './private-backend.ts';
export { NATS_SERVER, type PrivateNats, startPrivateNats } from './private-nats.ts';
export { type PrivatePostgres, startPrivatePostgres } from './private-postgres.ts';
export { PrivateProcess, type ProcessSpec } from './private-process.ts';
export { type PrivateRedis, startPrivateRedis } from './private-redis.ts';
export { skipUnlessFaultTests, skipUnlessInstalled } from './skip.ts';
