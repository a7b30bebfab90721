// The launcher as a library: tests and tools start the platform in-process with it.
export { buildModules, migrate, migrateAll, type RunningServer, startServer } from './server.ts';
