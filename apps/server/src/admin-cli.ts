import { parseArgs } from 'node:util';
import { type Config, createInfrastructure, isAppError, type Logger, StartupError } from '@chat/platform';
import { buildModules, migrate } from './server.ts';

/**
 * `admin:create --email x --password y [--nickname n]`: creates an administrator, or makes an
 * existing account one and sets its password. Runs the users and auth services of this
 * configuration in-process (users over HTTP when only auth is configured here).
 */
export async function runAdminCreate(argv: readonly string[], config: Config, logger: Logger): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { email: { type: 'string' }, password: { type: 'string' }, nickname: { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  const { email, password, nickname } = values;
  if (typeof email !== 'string' || typeof password !== 'string') {
    throw new StartupError(
      'usage: admin:create --email <email> --password <password> [--nickname <nickname>]',
    );
  }
  const services = config.services.filter((s) => s === 'users' || s === 'auth');
  if (!services.includes('auth'))
    throw new StartupError('admin:create needs the auth service (SERVICES/--service)');
  const scoped: Config = Object.freeze({ ...config, services });
  const infra = await createInfrastructure(scoped, logger);
  try {
    const { modules, provided } = await buildModules(scoped, logger, infra);
    await migrate(infra, modules, logger);
    const admin = provided.auth?.admin;
    if (!admin) throw new StartupError('the auth service offers no admin client');
    const result = await admin
      .createAdmin({ email, password, nickname: typeof nickname === 'string' ? nickname : undefined })
      .catch((err: unknown) => {
        throw isAppError(err) ? new StartupError(err.message) : err;
      });
    process.stdout.write(
      `${result.created ? 'created administrator' : 'made administrator (password set)'} ${email} (userId ${result.userId})\n`,
    );
  } finally {
    await infra.close();
  }
}
