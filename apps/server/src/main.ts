import { existsSync } from 'node:fs';
import { ConfigError, createLogger, exitOnSignals, loadConfig, StartupError } from '@chat/platform/startup';

/**
 * Entry point. `npm start` runs every service; `--service=NAME` one; `migrate` only applies
 * migrations. Configuration and connection problems print one line and exit 1. The server's
 * modules load after the configuration is read, so a bad configuration exits before that work.
 */
async function main(argv: readonly string[]): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env, argv);
  const logger = createLogger({ level: config.log.level });
  const command = argv.find((a) => !a.startsWith('-')) ?? 'serve';
  if (command === 'migrate') {
    const { migrateAll } = await import('./server.ts');
    await migrateAll(config, logger);
    logger.info('migrations up to date');
    return;
  }
  if (command === 'admin:create') {
    const { runAdminCreate } = await import('./admin-cli.ts');
    return runAdminCreate(argv, config, logger);
  }
  if (command === 'import-spring') {
    const { runImportSpring } = await import('./import-spring/cli.ts');
    return runImportSpring(argv, config, logger);
  }
  if (command !== 'serve') {
    throw new StartupError(
      `unknown command "${command}" (use serve, migrate, admin:create or import-spring)`,
    );
  }
  const { startServer } = await import('./server.ts');
  const server = await startServer(config, logger);
  exitOnSignals(server.lifecycle, logger, config.shutdownTimeoutMs);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) process.stderr.write(`configuration error: ${problem}\n`);
  } else if (err instanceof StartupError) {
    process.stderr.write(`cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`cannot start: ${(err as Error)?.message ?? String(err)}\n`);
  }
  process.exit(1);
});
