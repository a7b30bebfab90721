import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '@chat/platform';

/**
 * Outside production a missing JWT_SECRET is generated once and kept in DATA_DIR (mode 0600),
 * so tokens survive restarts without anyone choosing a secret. Production never gets here:
 * configuration refuses to start without one.
 */
export function withJwtSecret(config: Config): Config {
  if (config.auth.jwtSecret) return config;
  const dir = resolve(config.dataDir);
  const path = join(dir, 'jwt-secret');
  let secret: string;
  try {
    secret = readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    secret = randomBytes(48).toString('base64url');
    writeFileSync(path, secret, { mode: 0o600 });
  }
  return Object.freeze({ ...config, auth: Object.freeze({ ...config.auth, jwtSecret: secret }) });
}
