// The launcher as a library: tests and tools start the platform in-process with it.

export { seedSpringSource } from './import-spring/seed-source.ts';
export { buildModules, migrate, migrateAll, type RunningServer, startServer } from './server.ts';
