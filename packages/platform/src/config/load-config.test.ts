import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from './config.ts';
import { loadConfig, serviceArg } from './load-config.ts';

function problems(env: Record<string, string>, argv: string[] = []): readonly string[] {
  try {
    loadConfig(env, argv);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return [];
}

const STRONG_TOKEN = '3f9a1c0e7b5d2846aa91c3e0f7d8b6254e1a9c3d';
/** A VAPID key pair's shape (production needs one where chat runs). */
const VAPID = { VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'p'.repeat(43) };

describe('loadConfig', () => {
  test('no URLs means embedded defaults on port 8080 with every service', () => {
    const config = loadConfig({});
    assert.equal(config.http.port, 8080);
    assert.equal(config.dataDir, './data');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.natsUrl, undefined);
    assert.deepEqual(config.services, ['auth', 'users', 'chat', 'gateway', 'batch', 'store', 'social']);
    assert.deepEqual(config.batch, {
      timezone: 'Asia/Seoul',
      cron: {},
      leaseMs: 30_000,
      pollMs: 1000,
      workers: 2,
    });
    assert.equal(config.production, false);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.auth));
  });

  test('batch: BATCH_CRON_<JOB> by job name, the time zone checked', () => {
    const config = loadConfig({
      BATCH_CRON_DAILY_STATISTICS: ' 10 0 * * * ',
      BATCH_CRON_RETENTION: 'off',
      BATCH_CRON_EMPTY: '  ',
      BATCH_TIMEZONE: 'Europe/Berlin',
    });
    assert.deepEqual(config.batch.cron, { 'daily-statistics': '10 0 * * *', retention: 'off' });
    assert.equal(config.batch.timezone, 'Europe/Berlin');
    assert.throws(() => loadConfig({ BATCH_TIMEZONE: 'Seoul' }), /BATCH_TIMEZONE must be an IANA time zone/);
  });

  test('lists every problem at once, each naming its variable', () => {
    const found = problems({
      PORT: '99999',
      REDIS_URL: 'http://x',
      NODE_ENV: 'production',
      LOG_LEVEL: 'loud',
    });
    assert.equal(found.length, 5, found.join('\n'));
    for (const name of ['PORT', 'REDIS_URL', 'JWT_SECRET', 'LOG_LEVEL', 'VAPID_PUBLIC_KEY']) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        `${name} named`,
      );
    }
  });

  test('production refuses short or well-known secrets and accepts a strong one', () => {
    assert.match(problems({ NODE_ENV: 'production', JWT_SECRET: 'secret' })[0] ?? '', /JWT_SECRET/);
    assert.match(problems({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(20) })[0] ?? '', /at least 32/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40), ...VAPID });
    assert.equal(config.production, true);
  });

  test('service URLs: the internal listener of each service called over HTTP, http(s) only', () => {
    const config = loadConfig({ CHAT_URL: 'http://chat:8081', STORE_URL: 'http://store:8081' });
    assert.equal(config.serviceUrls.chat, 'http://chat:8081');
    assert.equal(config.serviceUrls.store, 'http://store:8081');
    assert.equal(loadConfig({}).serviceUrls.store, undefined);
    const found = problems({ STORE_URL: 'ftp://store' });
    assert.ok(
      found.some((p) => p.startsWith('STORE_URL')),
      found.join(' | '),
    );
  });

  test('production with split services needs INTERNAL_TOKEN', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40), ...VAPID };
    assert.match(problems(env, ['--service=chat'])[0] ?? '', /INTERNAL_TOKEN/);
    assert.deepEqual(loadConfig({ ...env, INTERNAL_TOKEN: STRONG_TOKEN }, ['--service=chat']).services, [
      'chat',
    ]);
  });

  test('production refuses a short or low-entropy INTERNAL_TOKEN, in one line naming it', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40), ...VAPID };
    for (const weak of ['abc', 't'.repeat(40), 'abcabcabcabcabcabcabcabcabcabcabcabc', 'changeme']) {
      const found = problems({ ...env, INTERNAL_TOKEN: weak }, ['--service=users']);
      assert.equal(found.length, 1, `${weak}: ${found.join('\n')}`);
      assert.match(found[0]!, /^INTERNAL_TOKEN must be at least 32/);
    }
    assert.equal(loadConfig({ ...env, INTERNAL_TOKEN: STRONG_TOKEN }).internalToken, STRONG_TOKEN);
    assert.equal(loadConfig({ INTERNAL_TOKEN: 'abc' }).internalToken, 'abc', 'development accepts anything');
  });

  test('the internal listener defaults to 127.0.0.1:8081', () => {
    const config = loadConfig({});
    assert.deepEqual(
      { host: config.internalHttp.host, port: config.internalHttp.port },
      { host: '127.0.0.1', port: 8081 },
    );
  });

  test('--service wins over SERVICES and accepts both spellings', () => {
    assert.equal(serviceArg(['--service=chat']), 'chat');
    assert.equal(serviceArg(['--service', 'auth,users']), 'auth,users');
    assert.deepEqual(loadConfig({ SERVICES: 'auth' }, ['--service=users']).services, ['users']);
    assert.match(problems({ SERVICES: 'gateway2' })[0] ?? '', /SERVICES/);
  });

  test('admin bootstrap needs both email and password', () => {
    assert.match(problems({ ADMIN_EMAIL: 'a@b.c' })[0] ?? '', /ADMIN_EMAIL and ADMIN_PASSWORD/);
  });

  test('STOMP over TCP: off by default; a port turns it on; TLS needs a certificate and a key', () => {
    assert.equal(loadConfig({}).stomp.tcp, undefined);
    assert.deepEqual(loadConfig({ STOMP_TCP_PORT: '61613' }).stomp.tcp, {
      port: 61613,
      host: '0.0.0.0',
      maxConnections: 10_000,
      tls: undefined,
    });
    assert.deepEqual(
      loadConfig({ STOMP_TCP_PORT: '61614', STOMP_TCP_TLS_CERT: '/c.pem', STOMP_TCP_TLS_KEY: '/k.pem' }).stomp
        .tcp?.tls,
      { certFile: '/c.pem', keyFile: '/k.pem' },
    );
    assert.match(problems({ STOMP_TCP_PORT: '0' })[0] ?? '', /STOMP_TCP_PORT/);
    assert.match(
      problems({ STOMP_TCP_PORT: '61614', STOMP_TCP_TLS_CERT: '/c.pem' })[0] ?? '',
      /STOMP_TCP_TLS_CERT and STOMP_TCP_TLS_KEY go together/,
    );
    assert.match(
      problems({ STOMP_TCP_TLS_CERT: '/c.pem', STOMP_TCP_TLS_KEY: '/k.pem' })[0] ?? '',
      /needs STOMP_TCP_PORT/,
    );
  });

  test('LOG_REPLICAS: 1 by default, 1..5', () => {
    assert.equal(loadConfig({}).log.replicas, 1);
    assert.equal(loadConfig({ LOG_REPLICAS: '3' }).log.replicas, 3);
    assert.match(problems({ LOG_REPLICAS: '0' })[0] ?? '', /LOG_REPLICAS/);
  });

  test('social housekeeping: every 10 minutes, read notifications kept 90 days, all 365', () => {
    const day = 86_400_000;
    assert.deepEqual(loadConfig({}).social, {
      sweepIntervalMs: 600_000,
      keepReadNotificationsMs: 90 * day,
      keepNotificationsMs: 365 * day,
    });
    assert.equal(loadConfig({ SOCIAL_SWEEP_INTERVAL_SEC: '0' }).social.sweepIntervalMs, 0);
    assert.deepEqual(problems({ SOCIAL_NOTIFICATIONS_KEEP_READ_DAYS: '400' }), [
      'SOCIAL_NOTIFICATIONS_KEEP_READ_DAYS must not be larger than SOCIAL_NOTIFICATIONS_KEEP_DAYS',
    ]);
    assert.match(problems({ SOCIAL_NOTIFICATIONS_KEEP_DAYS: '0' }).join(), /SOCIAL_NOTIFICATIONS_KEEP_DAYS/);
  });

  test('URLs of the three servers are accepted with their schemes', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@db:5432/chat',
      REDIS_URL: 'rediss://cache:6380',
      NATS_URL: 'nats://bus:4222',
    });
    assert.equal(config.natsUrl, 'nats://bus:4222');
  });

  test("the gateway: the contract's limits by default, upstream lists, rate/burst overrides", () => {
    const config = loadConfig({});
    assert.deepEqual(config.gateway.limits, {
      auth: { ratePerSec: 10, burst: 20 },
      users: { ratePerSec: 20, burst: 40 },
      chat: { ratePerSec: 30, burst: 60 },
      batch: { ratePerSec: 5, burst: 10 },
      store: { ratePerSec: 10, burst: 20 },
      social: { ratePerSec: 20, burst: 40 },
    });
    assert.deepEqual(config.gateway.upstreams.chat, []);
    const set = loadConfig({
      SERVICES: 'gateway',
      CHAT_UPSTREAMS: 'http://chat-1:8080, http://chat-2:8080/',
      GATEWAY_LIMIT_CHAT: '2.5/5',
    });
    assert.deepEqual(set.services, ['gateway']);
    assert.deepEqual(set.gateway.upstreams.chat, ['http://chat-1:8080', 'http://chat-2:8080']);
    assert.deepEqual(set.gateway.limits.chat, { ratePerSec: 2.5, burst: 5 });
  });

  test('the gateway: bad upstreams and limits are refused, each naming its variable', () => {
    const found = problems({
      USERS_UPSTREAMS: 'http://users:8080/api',
      AUTH_UPSTREAMS: 'ftp://auth',
      GATEWAY_LIMIT_AUTH: '10',
      GATEWAY_LIMIT_BATCH: '0/10',
    });
    for (const name of ['USERS_UPSTREAMS', 'AUTH_UPSTREAMS', 'GATEWAY_LIMIT_AUTH', 'GATEWAY_LIMIT_BATCH']) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        `${name} in ${found.join(' | ')}`,
      );
    }
  });

  test('TRUST_PROXY: off by default; true, a hop count or addresses', () => {
    assert.equal(loadConfig({}).http.trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy, [
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    assert.match(problems({ TRUST_PROXY: 'everyone' })[0] ?? '', /TRUST_PROXY/);
  });

  test('TRUST_PROXY: an address the listener could not use is a configuration error, not a crash at start', () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, fd00::/8, 192.168.0.0/16' }).http.trustProxy, [
      'loopback',
      'fd00::/8',
      '192.168.0.0/16',
    ]);
    for (const bad of [
      'abc',
      '10.0.0.0/33',
      '10.0.0.0/0',
      '10.0.1',
      '10.0.0.0/8/1',
      '::1/129',
      '1.2.3.4/x',
    ]) {
      assert.match(problems({ TRUST_PROXY: bad })[0] ?? '', /^TRUST_PROXY must be/, bad);
    }
  });

  test('object storage: a folder by default, S3 with S3_BUCKET, path-style for a self-hosted endpoint', () => {
    assert.deepEqual(loadConfig({}).storage, { dir: undefined, s3: undefined });
    assert.equal(loadConfig({ STORAGE_DIR: '/mnt/shared' }).storage.dir, '/mnt/shared');
    assert.deepEqual(loadConfig({ S3_BUCKET: 'chat-files' }).storage.s3, {
      bucket: 'chat-files',
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    });
    const own = loadConfig({
      S3_BUCKET: 'chat-files',
      S3_ENDPOINT: 'http://minio:9000',
      S3_REGION: 'ap-northeast-2',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    }).storage.s3;
    assert.equal(own?.forcePathStyle, true);
    assert.equal(own?.region, 'ap-northeast-2');
    assert.deepEqual(own?.credentials, { accessKeyId: 'id', secretAccessKey: 'secret' });
  });

  test('object storage settings that cannot work are named', () => {
    const found = problems({
      S3_BUCKET: 'Bad_Bucket',
      S3_ENDPOINT: 'ftp://x',
      S3_ACCESS_KEY_ID: 'id-without-secret',
    });
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found.join('\n'), /S3_BUCKET must be a bucket name/);
    assert.match(found.join('\n'), /S3_ENDPOINT must start with http:\/\/ or https:\/\//);
    assert.match(found.join('\n'), /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/);
    assert.deepEqual(problems({ S3_ENDPOINT: 'http://minio:9000' }), ['S3_BUCKET is required with S3_*']);
  });

  test('VAPID keys: both or neither, required in production where chat runs', () => {
    const pub = 'B'.repeat(87);
    const priv = 'p'.repeat(43);
    assert.deepEqual(loadConfig({ VAPID_PUBLIC_KEY: pub, VAPID_PRIVATE_KEY: priv }).push, {
      publicKey: pub,
      privateKey: priv,
      subject: 'mailto:admin@localhost',
    });
    assert.deepEqual(problems({ VAPID_PUBLIC_KEY: pub }), [
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together',
    ]);
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40) };
    assert.match(
      problems(prod).join('\n'),
      /VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production/,
    );
    assert.deepEqual(problems({ ...prod, SERVICES: 'users', INTERNAL_TOKEN: STRONG_TOKEN }), []);
    assert.deepEqual(problems({ ...prod, VAPID_PUBLIC_KEY: pub, VAPID_PRIVATE_KEY: priv }), []);
    assert.match(
      problems({ VAPID_SUBJECT: 'admin@example.com' }).join(),
      /VAPID_SUBJECT must be a mailto: or https: URL/,
    );
  });
});
