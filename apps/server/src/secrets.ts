import { createECDH, randomBytes } from 'node:crypto';
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

/**
 * Outside production missing VAPID keys are generated once and kept in DATA_DIR/vapid.json
 * (mode 0600): browsers' subscriptions are bound to the key, so it must survive restarts.
 */
export function withVapidKeys(config: Config): Config {
  // Only chat sends pushes: other processes (a gateway with a read-only disk) never write one.
  if ((config.push.publicKey && config.push.privateKey) || !config.services.includes('chat')) return config;
  const dir = resolve(config.dataDir);
  const path = join(dir, 'vapid.json');
  let keys: { publicKey: string; privateKey: string };
  try {
    keys = JSON.parse(readFileSync(path, 'utf8')) as { publicKey: string; privateKey: string };
  } catch {
    mkdirSync(dir, { recursive: true });
    keys = generateVapidKeys();
    writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  }
  return Object.freeze({ ...config, push: Object.freeze({ ...config.push, ...keys }) });
}

/** A P-256 key pair as VAPID wants it: the raw public point and private scalar, base64url. */
function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    // 32 bytes always (a scalar with leading zero bytes comes back shorter).
    privateKey: Buffer.from(ecdh.getPrivateKey().toString('hex').padStart(64, '0'), 'hex').toString(
      'base64url',
    ),
  };
}
