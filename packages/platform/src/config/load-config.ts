import { isIP } from 'node:net';
import {
  BACKEND_SERVICES,
  type BucketLimit,
  type Config,
  ConfigError,
  type RouteGroup,
  SERVICE_NAMES,
  type ServiceName,
  type TrustProxy,
} from './config.ts';
import { KNOWN_WEAK_SECRETS, weakSecretProblem } from './secret-strength.ts';

type Env = Readonly<Record<string, string | undefined>>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback?: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  timeZone(name: string, fallback: string): string {
    const raw = this.str(name, fallback)!;
    try {
      new Intl.DateTimeFormat('en', { timeZone: raw });
      return raw;
    } catch {
      this.problems.push(`${name} must be an IANA time zone such as Asia/Seoul (got "${raw}")`);
      return fallback;
    }
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.str(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return undefined;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    if (!parsed.hostname) this.problems.push(`${name} has no host`);
    return raw;
  }

  /** A comma-separated list of http(s) base URLs (no path, query or credentials). */
  urls(name: string): string[] {
    const raw = this.str(name);
    if (raw === undefined) return [];
    const out: string[] = [];
    for (const item of raw.split(',').map((s) => s.trim())) {
      let parsed: URL;
      try {
        parsed = new URL(item);
      } catch {
        this.problems.push(`${name} must be comma-separated http:// or https:// URLs (got "${item}")`);
        continue;
      }
      const bare = parsed.pathname === '/' && !parsed.search && !parsed.username && !parsed.password;
      if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname || !bare) {
        this.problems.push(`${name} must be comma-separated http:// or https:// base URLs (got "${item}")`);
        continue;
      }
      out.push(parsed.origin);
    }
    return [...new Set(out)];
  }

  /** Comma-separated upper-snake names (1 to `max` of them, no repeats). */
  names(name: string, fallback: string, max: number): string[] {
    const items = (this.str(name, fallback) ?? fallback)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.find((item) => !/^[A-Z][A-Z0-9_]{0,31}$/.test(item));
    if (
      bad !== undefined ||
      items.length === 0 ||
      items.length > max ||
      new Set(items).size !== items.length
    ) {
      this.problems.push(
        `${name} must list 1 to ${max} distinct names like HEART,LIKE (got "${this.str(name)}")`,
      );
      return fallback.split(',');
    }
    return items;
  }

  /** Comma-separated browser origins (`scheme://host[:port]`, no path), or `*` for any. */
  origins(name: string): string[] {
    const raw = this.str(name);
    if (raw === undefined) return [];
    const out: string[] = [];
    for (const item of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (item === '*') {
        out.push(item);
        continue;
      }
      let parsed: URL | undefined;
      try {
        parsed = new URL(item);
      } catch {
        parsed = undefined;
      }
      const bare = parsed && parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username;
      if (!parsed || !bare || !/^https?:$/.test(parsed.protocol)) {
        this.problems.push(
          `${name} must list origins like https://chat.example.com (no path), or * (got "${item}")`,
        );
        continue;
      }
      out.push(parsed.origin);
    }
    return out;
  }

  /** `rate/burst`, e.g. `30/60`: 30 per second, at most 60 at once. */
  bucket(name: string, fallback: BucketLimit): BucketLimit {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(raw);
    const ratePerSec = Number(m?.[1]);
    const burst = Number(m?.[2]);
    if (!m || ratePerSec <= 0 || ratePerSec > 1_000_000 || burst < 1 || burst > 1_000_000) {
      this.problems.push(`${name} must be "rate/burst" per second, e.g. "30/60" (got "${raw}")`);
      return fallback;
    }
    return { ratePerSec, burst };
  }

  /** TRUST_PROXY: true/false, a hop count, or comma-separated addresses and CIDRs. */
  trustProxy(name: string): TrustProxy {
    const raw = this.str(name);
    if (raw === undefined || /^(0|false|no|off)$/i.test(raw)) return false;
    if (/^(true|yes|on)$/i.test(raw)) return true;
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops > 0 && hops <= 10) return hops;
    } else {
      const items = raw.split(',').map((s) => s.trim());
      if (items.every(isProxyAddress)) return items;
    }
    this.problems.push(`${name} must be false, true, a hop count 1..10 or addresses/CIDRs (got "${raw}")`);
    return false;
  }
}

const DAY_MS = 86_400_000;

/** The contract's per-client limits at the gateway (per second / burst). */
const DEFAULT_GATEWAY_LIMITS: Record<RouteGroup, BucketLimit> = {
  auth: { ratePerSec: 10, burst: 20 },
  users: { ratePerSec: 20, burst: 40 },
  chat: { ratePerSec: 30, burst: 60 },
  batch: { ratePerSec: 5, burst: 10 },
  store: { ratePerSec: 10, burst: 20 },
  social: { ratePerSec: 20, burst: 40 },
};

function parseServices(raw: string | undefined, problems: string[]): ServiceName[] {
  if (raw === undefined || raw === 'all') return [...SERVICE_NAMES];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    problems.push(
      `SERVICES (or --service) must list services from: ${SERVICE_NAMES.join(', ')} (got "${raw}")`,
    );
    return [...SERVICE_NAMES];
  }
  return [...new Set(names)] as ServiceName[];
}

/**
 * BATCH_CRON_<JOB>: a job's schedule by name (`BATCH_CRON_DAILY_STATISTICS` for
 * `daily-statistics`). The batch service checks names and patterns (it knows its jobs).
 */
function batchCron(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('BATCH_CRON_') || value === undefined || value.trim() === '') continue;
    out[key.slice('BATCH_CRON_'.length).toLowerCase().replaceAll('_', '-')] = value.trim();
  }
  return out;
}

/** `--service=chat` / `--service chat` on the command line wins over SERVICES. */
export function serviceArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--service=') || arg.startsWith('--services=')) return arg.split('=')[1];
    if ((arg === '--service' || arg === '--services') && argv[i + 1]) return argv[i + 1];
  }
  return undefined;
}

/**
 * One TRUST_PROXY address: an IP, an IP/prefix (1..32, 1..128 for IPv6), or a named range
 * (`loopback`, `linklocal`, `uniquelocal`). Checked here so that a typo is a configuration
 * error naming the variable, not a crash when the listener compiles its trust function.
 */
function isProxyAddress(item: string): boolean {
  if (item === 'loopback' || item === 'linklocal' || item === 'uniquelocal') return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads and validates the configuration. Throws ConfigError listing every problem at once.
 * No URLs configured means embedded mode; NODE_ENV=production refuses default secrets.
 */
export function loadConfig(env: Env, argv: readonly string[] = []): Config {
  const r = new Reader(env);
  const nodeEnv = r.str('NODE_ENV', 'development');
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    r.problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const jwtSecret = r.str('JWT_SECRET');
  if (production) {
    if (jwtSecret === undefined) r.problems.push('JWT_SECRET is required when NODE_ENV=production');
    else if (jwtSecret.length < 32 || KNOWN_WEAK_SECRETS.has(jwtSecret.toLowerCase())) {
      r.problems.push('JWT_SECRET must be at least 32 characters and not a well-known value in production');
    }
  }
  const adminEmail = r.str('ADMIN_EMAIL');
  const adminPassword = r.str('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (production && adminPassword !== undefined && adminPassword.length < 12) {
    r.problems.push('ADMIN_PASSWORD must be at least 12 characters in production');
  }
  const services = parseServices(serviceArg(argv) ?? r.str('SERVICES'), r.problems);
  const namespace = r.str('NAMESPACE', 'chat')!;
  if (!/^[a-z][a-z0-9_-]{0,30}$/i.test(namespace)) {
    r.problems.push('NAMESPACE must be letters, digits, _ or - (1..31 characters, starting with a letter)');
  }
  const config: Config = {
    env: nodeEnv as Config['env'],
    production,
    http: {
      host: r.str('HOST', '0.0.0.0')!,
      port: r.int('PORT', 8080, 0, 65535),
      bodyLimitBytes: r.int('HTTP_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
      idleTimeoutMs: r.int('HTTP_IDLE_TIMEOUT_MS', 10_000, 100, 600_000),
      headersTimeoutMs: r.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: r.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
      trustProxy: r.trustProxy('TRUST_PROXY'),
    },
    services,
    dataDir: r.str('DATA_DIR', './data')!,
    namespace,
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 20, 1, 1000),
    redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']),
    natsUrl: r.url('NATS_URL', ['nats:', 'tls:']),
    storage: { dir: r.str('STORAGE_DIR'), s3: s3Config(r) },
    log: {
      level: r.str('LOG_LEVEL', 'info')!,
      partitions: r.str('LOG_PARTITIONS') === undefined ? undefined : r.int('LOG_PARTITIONS', 16, 1, 1024),
      leaseTtlMs: r.int('LOG_LEASE_TTL_MS', 10_000, 1000, 600_000),
      retentionHours: r.int('LOG_RETENTION_HOURS', 168, 1, 87_600),
      replicas: r.int('LOG_REPLICAS', 1, 1, 5),
    },
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 30_000, 100, 600_000),
    consumers: r.bool('CONSUMERS', true),
    presenceTtlMs: r.int('PRESENCE_TTL_MS', 60_000, 1000, 3_600_000),
    auth: {
      jwtSecret,
      accessTokenTtlSec: r.int('ACCESS_TOKEN_TTL_SEC', 900, 2, 86_400),
      refreshTokenTtlSec: r.int('REFRESH_TOKEN_TTL_SEC', 14 * 86_400, 60, 365 * 86_400),
      adminEmail,
      adminPassword,
      loginRatePerMin: r.int('LOGIN_RATE_PER_MIN', 10, 1, 100_000),
    },
    metrics: { enabled: r.bool('METRICS_ENABLED', true), port: optionalPort(r, 'METRICS_PORT') },
    corsOrigins: r.origins('CORS_ORIGINS'),
    stomp: {
      heartbeatMs: r.int('STOMP_HEARTBEAT_MS', 10_000, 0, 600_000),
      maxFrameBytes: r.int('STOMP_MAX_FRAME_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      sendRatePerSec: r.int('CHAT_SEND_RATE_PER_SEC', 10, 1, 100_000),
      sendBurst: r.int('CHAT_SEND_BURST', 20, 1, 100_000),
      abuseRejections: r.int('CHAT_ABUSE_REJECTIONS', 50, 1, 100_000),
      abuseWindowMs: r.int('CHAT_ABUSE_WINDOW_MS', 10_000, 100, 3_600_000),
      busyLagMs: r.int('CHAT_BUSY_LAG_MS', 15_000, 0, 600_000),
      maxSubscriptions: r.int('STOMP_MAX_SUBSCRIPTIONS', 200, 1, 100_000),
      maxConnectionsPerUser: r.int('STOMP_MAX_CONNECTIONS_PER_USER', 20, 1, 100_000),
      connectTimeoutMs: r.int('STOMP_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      maxIdleMs: r.int('STOMP_MAX_IDLE_MS', 300_000, 0, 86_400_000),
      drainTimeoutMs: r.int('STOMP_DRAIN_TIMEOUT_MS', 10_000, 0, 600_000),
      tcp: stompTcp(r),
    },
    messageChanges: {
      editWindowMs: r.int('MESSAGE_EDIT_WINDOW_SEC', 86_400, 0, 365 * 86_400) * 1000,
      unsendWindowMs: r.int('MESSAGE_UNSEND_WINDOW_SEC', 300, 0, 365 * 86_400) * 1000,
      reactions: r.names('MESSAGE_REACTIONS', 'HEART,LIKE,CHECK,SMILE,SURPRISED,SAD', 20),
    },
    attachments: {
      maxBytes: r.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      dailyQuotaBytes: r.int('UPLOAD_DAILY_QUOTA_BYTES', 1024 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
      retentionDays: r.int('ATTACHMENT_RETENTION_DAYS', 0, 0, 36_500),
      unsentTtlMs: r.int('UPLOAD_UNSENT_TTL_MIN', 60, 1, 10_080) * 60_000,
      maxImagePixels: r.int('IMAGE_MAX_PIXELS', 64_000_000, 1, 1_000_000_000),
    },
    push: {
      publicKey: r.str('VAPID_PUBLIC_KEY'),
      privateKey: r.str('VAPID_PRIVATE_KEY'),
      subject: r.str('VAPID_SUBJECT', 'mailto:admin@localhost')!,
    },
    serviceUrls: {
      auth: r.url('AUTH_URL', ['http:', 'https:']),
      users: r.url('USERS_URL', ['http:', 'https:']),
      chat: r.url('CHAT_URL', ['http:', 'https:']),
      store: r.url('STORE_URL', ['http:', 'https:']),
    },
    internalToken: r.str('INTERNAL_TOKEN'),
    internalHttp: {
      host: r.str('INTERNAL_HOST', '127.0.0.1')!,
      port: r.int('INTERNAL_PORT', 8081, 0, 65535),
      failuresPerMin: r.int('INTERNAL_AUTH_FAILURES_PER_MIN', 10, 1, 100_000),
    },
    gateway: {
      upstreams: {
        auth: r.urls('AUTH_UPSTREAMS'),
        users: r.urls('USERS_UPSTREAMS'),
        chat: r.urls('CHAT_UPSTREAMS'),
        batch: r.urls('BATCH_UPSTREAMS'),
        store: r.urls('STORE_UPSTREAMS'),
        social: r.urls('SOCIAL_UPSTREAMS'),
      },
      limits: {
        auth: r.bucket('GATEWAY_LIMIT_AUTH', DEFAULT_GATEWAY_LIMITS.auth),
        users: r.bucket('GATEWAY_LIMIT_USERS', DEFAULT_GATEWAY_LIMITS.users),
        chat: r.bucket('GATEWAY_LIMIT_CHAT', DEFAULT_GATEWAY_LIMITS.chat),
        batch: r.bucket('GATEWAY_LIMIT_BATCH', DEFAULT_GATEWAY_LIMITS.batch),
        store: r.bucket('GATEWAY_LIMIT_STORE', DEFAULT_GATEWAY_LIMITS.store),
        social: r.bucket('GATEWAY_LIMIT_SOCIAL', DEFAULT_GATEWAY_LIMITS.social),
      },
      ejectMs: r.int('GATEWAY_EJECT_MS', 10_000, 100, 600_000),
      upstreamTimeoutMs: r.int('GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100, 600_000),
      retries: r.int('GATEWAY_RETRIES', 1, 0, 5),
    },
    batch: {
      timezone: r.timeZone('BATCH_TIMEZONE', 'Asia/Seoul'),
      cron: batchCron(env),
      leaseMs: r.int('BATCH_LEASE_MS', 30_000, 1000, 3_600_000),
      pollMs: r.int('BATCH_POLL_MS', 1000, 50, 60_000),
      workers: r.int('BATCH_WORKERS', 2, 1, 64),
    },
    store: {
      paymentProvider: paymentProvider(r, production),
      paymentUrl: r.url('STORE_PAYMENT_URL', ['http:', 'https:']),
      paymentSecretKey: r.str('STORE_PAYMENT_SECRET_KEY'),
      webhookSecret: r.str('STORE_WEBHOOK_SECRET'),
      paymentTimeoutMs: r.int('STORE_PAYMENT_TIMEOUT_MS', 10_000, 100, 120_000),
      publicUrl: r.url('STORE_PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    },
    social: {
      sweepIntervalMs: r.int('SOCIAL_SWEEP_INTERVAL_SEC', 600, 0, 86_400) * 1000,
      keepReadNotificationsMs: r.int('SOCIAL_NOTIFICATIONS_KEEP_READ_DAYS', 90, 1, 36_500) * DAY_MS,
      keepNotificationsMs: r.int('SOCIAL_NOTIFICATIONS_KEEP_DAYS', 365, 1, 36_500) * DAY_MS,
    },
    limits: {
      restWritesPerMin: r.int('REST_WRITE_RATE_PER_MIN', 60, 1, 1_000_000),
      roomCreatesPerMin: r.int('ROOM_CREATE_RATE_PER_MIN', 30, 1, 1_000_000),
      searchesPerMin: r.int('SEARCH_RATE_PER_MIN', 60, 1, 1_000_000),
      exportsPerHour: r.int('EXPORT_RATE_PER_HOUR', 5, 1, 1_000_000),
    },
  };
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    r.problems.push('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS');
  }
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(config.log.level)) r.problems.push(`LOG_LEVEL must be one of ${levels.join(', ')}`);
  const split = BACKEND_SERVICES.some((s) => !config.services.includes(s));
  if (production && split && !config.internalToken && config.services.some((s) => s !== 'gateway')) {
    r.problems.push('INTERNAL_TOKEN is required in production when services run in separate processes');
  }
  if (production && config.internalToken !== undefined) {
    const weak = weakSecretProblem('INTERNAL_TOKEN', config.internalToken);
    if (weak) r.problems.push(weak);
  }
  if (config.social.keepReadNotificationsMs > config.social.keepNotificationsMs) {
    r.problems.push(
      'SOCIAL_NOTIFICATIONS_KEEP_READ_DAYS must not be larger than SOCIAL_NOTIFICATIONS_KEEP_DAYS',
    );
  }
  checkPush(config, r.problems);
  checkStore(config, r.problems);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return deepFreeze(config);
}

/** VAPID keys: both or neither; in production, where chat runs, both (no generated identity). */
function checkPush(config: Config, problems: string[]): void {
  const { publicKey, privateKey, subject } = config.push;
  if ((publicKey === undefined) !== (privateKey === undefined)) {
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  } else if (config.production && publicKey === undefined && config.services.includes('chat')) {
    problems.push(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production (npx web-push generate-vapid-keys)',
    );
  }
  if (publicKey !== undefined && !/^[A-Za-z0-9_-]{86,88}$/.test(publicKey)) {
    problems.push('VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters)');
  }
  if (privateKey !== undefined && !/^[A-Za-z0-9_-]{42,44}$/.test(privateKey)) {
    problems.push('VAPID_PRIVATE_KEY must be a base64url P-256 private key (43 characters)');
  }
  if (!/^(mailto:.+|https:\/\/.+)$/.test(subject))
    problems.push('VAPID_SUBJECT must be a mailto: or https: URL');
}

/** S3_BUCKET turns the S3 adapter on; the other S3_* settings then apply. */
function s3Config(r: Reader): Config['storage']['s3'] {
  const bucket = r.str('S3_BUCKET');
  const endpoint = r.url('S3_ENDPOINT', ['http:', 'https:']);
  const accessKeyId = r.str('S3_ACCESS_KEY_ID');
  const secretAccessKey = r.str('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    r.problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  const region = r.str('S3_REGION', 'us-east-1')!;
  const forcePathStyle = r.bool('S3_FORCE_PATH_STYLE', endpoint !== undefined);
  if (bucket === undefined) {
    if (endpoint !== undefined || accessKeyId !== undefined)
      r.problems.push('S3_BUCKET is required with S3_*');
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    r.problems.push(
      `S3_BUCKET must be a bucket name: 3..63 lowercase letters, digits, . and - (got "${bucket}")`,
    );
  }
  const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
  return { bucket, endpoint, region, forcePathStyle, credentials };
}

/** STOMP over TCP: off unless STOMP_TCP_PORT is set; TLS with both of a certificate and a key. */
function stompTcp(r: Reader): Config['stomp']['tcp'] {
  const port = optionalPort(r, 'STOMP_TCP_PORT');
  const [certFile, keyFile] = [r.str('STOMP_TCP_TLS_CERT'), r.str('STOMP_TCP_TLS_KEY')];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    r.problems.push('STOMP_TCP_TLS_CERT and STOMP_TCP_TLS_KEY go together (a certificate and its key)');
  }
  if (port === undefined) {
    if (certFile !== undefined || keyFile !== undefined)
      r.problems.push('STOMP_TCP_TLS_* needs STOMP_TCP_PORT');
    return undefined;
  }
  const tls = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined;
  return {
    port,
    host: r.str('STOMP_TCP_HOST', '0.0.0.0')!,
    maxConnections: r.int('STOMP_TCP_MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    tls,
  };
}

function optionalPort(r: Reader, name: string): number | undefined {
  return r.str(name) === undefined ? undefined : r.int(name, 0, 1, 65535);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function paymentProvider(r: Reader, production: boolean): 'sandbox' | 'none' {
  const raw = r.str('STORE_PAYMENT_PROVIDER', production ? 'none' : 'sandbox');
  if (raw === 'sandbox' || raw === 'none') return raw;
  r.problems.push(`STORE_PAYMENT_PROVIDER must be sandbox or none (got "${raw}")`);
  return 'none';
}

/** A card provider in production needs its URL and real secrets (no generated ones). */
function checkStore(config: Config, problems: string[]): void {
  const { store } = config;
  if (!config.production || store.paymentProvider === 'none') return;
  if (!store.paymentUrl)
    problems.push('STORE_PAYMENT_URL is required in production when STORE_PAYMENT_PROVIDER is set');
  for (const [name, value] of [
    ['STORE_PAYMENT_SECRET_KEY', store.paymentSecretKey],
    ['STORE_WEBHOOK_SECRET', store.webhookSecret],
  ] as const) {
    if (value === undefined)
      problems.push(`${name} is required in production when STORE_PAYMENT_PROVIDER is set`);
    else {
      const weak = weakSecretProblem(name, value);
      if (weak) problems.push(weak);
    }
  }
}
