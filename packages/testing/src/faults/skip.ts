// Whether the fault suites run (part of `npm test`): only where the PostgreSQL, Redis and NATS binaries are installed (the suites start their
// own servers; they never use the shared ones). A skip is recorded for the test script's list
// of skipped real-service suites; with REQUIRE_SERVICES=1 a missing binary fails the run.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { skipFor } from '@chat/platform/testing';
import { NATS_SERVER } from './private-nats.ts';
import { PG_BIN } from './private-postgres.ts';
import { REDIS_SERVER } from './private-redis.ts';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  if (command.includes('/')) return executable(command);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));
}

/** `false` to run the suite, else the skip reason (recorded). */
export function skipUnlessFaultTests(suite: string): false | string {
  const missing = [
    executable(join(PG_BIN, 'initdb')) && executable(join(PG_BIN, 'postgres'))
      ? undefined
      : `${PG_BIN}/postgres`,
    onPath(REDIS_SERVER) ? undefined : REDIS_SERVER,
    onPath(NATS_SERVER) ? undefined : NATS_SERVER,
  ].filter((m): m is string => m !== undefined);
  if (missing.length === 0) return false;
  return skipFor(`${suite}: ${missing.join(', ')} not installed`);
}

/**
 * `false` when every command is installed (a path, or a name found on PATH), else the skip
 * reason (recorded; with REQUIRE_SERVICES=1 a missing command fails the run).
 */
export function skipUnlessInstalled(suite: string, ...commands: string[]): false | string {
  const missing = commands.filter((c) => !onPath(c));
  return missing.length === 0 ? false : skipFor(`${suite}: ${missing.join(', ')} not installed`);
}
