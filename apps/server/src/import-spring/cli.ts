import { parseArgs } from 'node:util';
import {
  type Config,
  createInfrastructure,
  createPostgresDatabase,
  type Logger,
  StartupError,
} from '@chat/platform';
import { buildModules, migrate } from '../server.ts';
import { type ImportProgress, type ImportSummary, importSpring, SourceSchemaError } from './importer.ts';

const USAGE =
  'usage: import-spring --source postgres://user@host/db [--dry-run] [--source-time-zone Asia/Seoul]';

/**
 * `import-spring`: the original Spring database into this configuration's database (DATA_DIR
 * or DATABASE_URL, every service's schema in it), with the server stopped. Migrations are
 * applied first. A progress line on stderr, the summary on stdout.
 */
export async function runImportSpring(
  argv: readonly string[],
  config: Config,
  logger: Logger,
): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'source-time-zone': { type: 'string' },
      chunk: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const url = values.source;
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) throw new StartupError(USAGE);
  const zone = typeof values['source-time-zone'] === 'string' ? values['source-time-zone'] : 'Asia/Seoul';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new StartupError(`--source-time-zone: unknown time zone "${zone}"`);
  }
  const chunk = values.chunk === undefined ? undefined : Number(values.chunk);
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1 && chunk <= 100_000)) {
    throw new StartupError('--chunk: a whole number from 1 to 100000');
  }
  const source = await createPostgresDatabase({ url, poolSize: 2 }).catch((err: Error) => {
    throw new StartupError(`cannot connect to the source database: ${err.message}`);
  });
  const dryRun = values['dry-run'] === true;
  const services = config.services.filter((s) => s === 'users' || s === 'auth' || s === 'chat');
  if (services.length < 3)
    throw new StartupError('import-spring needs the users, auth and chat services here');
  const scoped: Config = Object.freeze({ ...config, services });
  const infra = dryRun ? undefined : await createInfrastructure(scoped, logger);
  try {
    if (infra) {
      const { modules } = await buildModules(scoped, logger, infra);
      await migrate(infra, modules, logger);
    }
    const summary = await importSpring({
      source,
      target: infra?.db ?? source,
      dryRun,
      sourceTimeZone: zone,
      chunk,
      onProgress: progressLine(),
    });
    process.stderr.write('\n');
    process.stdout.write(describe(summary));
  } catch (err) {
    if (err instanceof SourceSchemaError) throw new StartupError(err.message);
    throw err;
  } finally {
    await infra?.close();
    await source.close();
  }
}

/** One line rewritten in place on a terminal (a new one per step); otherwise a line per step and every 5 s. */
function progressLine(): (p: ImportProgress) => void {
  let last = 0;
  let step = '';
  const started = performance.now();
  return (p) => {
    const now = performance.now();
    if (!process.stderr.isTTY && now - last < 5000 && p.step === step) return;
    if (process.stderr.isTTY && p.step !== step && step !== '') process.stderr.write('\n');
    last = now;
    step = p.step;
    const rate = Math.round((p.done / Math.max(1, now - started)) * 1000);
    const pct = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 100;
    const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
    const line = `${p.step.padEnd(10)} [${bar}] ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} (${rate.toLocaleString('en')}/s)`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  };
}

function describe(s: ImportSummary): string {
  const lines = [
    s.dryRun ? 'dry run: nothing written' : `imported in ${(s.ms / 1000).toFixed(1)} s`,
    `source: ${s.source.users} users, ${s.source.rooms} rooms, ${s.source.members} members, ${s.source.messages} messages`,
    ...(s.dryRun
      ? []
      : [
          `this run: ${s.imported.users} users, ${s.imported.rooms} rooms, ${s.imported.members} members, ${s.imported.messages} messages, ${s.imported.readMarks} read marks`,
        ]),
    ...Object.entries(s.notes).map(([reason, n]) => `${s.dryRun ? 'would note' : 'noted'}: ${n} × ${reason}`),
  ];
  return `${lines.join('\n')}\n`;
}
