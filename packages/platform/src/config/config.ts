/** The whole validated configuration of one process, read once at the composition root. */
export const SERVICE_NAMES = ['auth', 'users', 'chat', 'gateway', 'batch', 'store', 'social'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/**
 * The services that own data (every one but the gateway, which routes to them): one of them
 * elsewhere makes a split, where services call each other on their internal listeners.
 */
export const BACKEND_SERVICES = [
  'auth',
  'users',
  'chat',
  'batch',
  'store',
  'social',
] as const satisfies readonly ServiceName[];
/** The route groups of the gateway: each has its upstreams and its rate limit. */
export const ROUTE_GROUPS = ['auth', 'users', 'chat', 'batch', 'store', 'social'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** A token bucket: refilled at `ratePerSec`, holding at most `burst`. */
export interface BucketLimit {
  readonly ratePerSec: number;
  readonly burst: number;
}

/**
 * Which peers may set X-Forwarded-For: `false` none (the socket's address is the client's),
 * `true` any, a number of proxy hops in front, or a list of addresses/CIDRs (Fastify's
 * `trustProxy` values).
 */
export type TrustProxy = boolean | number | readonly string[];

export interface S3Config {
  readonly bucket: string;
  /** A self-hosted server (MinIO, Ceph, SeaweedFS...); undefined for AWS. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Undefined: the AWS SDK's default chain (environment, profile, instance role). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly production: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    /** A socket idle this long (no request started, or a request stalled) is closed. */
    readonly idleTimeoutMs: number;
    /** Time to receive a request's headers (a WebSocket upgrade's too). */
    readonly headersTimeoutMs: number;
    /** Time to receive a whole request. */
    readonly requestTimeoutMs: number;
    /** TRUST_PROXY: whose X-Forwarded-For gives the client address (rate limits, throttles, logs). */
    readonly trustProxy: TrustProxy;
  };
  readonly services: readonly ServiceName[];
  readonly dataDir: string;
  /** Prefix for cache keys, pub/sub channels and log streams, so deployments can share servers. */
  readonly namespace: string;
  readonly databaseUrl: string | undefined;
  /** Connections per process to PostgreSQL. */
  readonly databasePoolSize: number;
  readonly redisUrl: string | undefined;
  readonly natsUrl: string | undefined;
  /** Where attachments and assets are kept: an S3-compatible bucket, or else a folder. */
  readonly storage: {
    /** STORAGE_DIR: the filesystem adapter's folder (a volume every node mounts); default DATA_DIR/files. */
    readonly dir: string | undefined;
    /** S3_BUCKET and its companions; undefined: the filesystem. */
    readonly s3: S3Config | undefined;
  };
  readonly log: {
    readonly level: string;
    /** Partitions of new topics; undefined: 16 on NATS, 1 embedded (one PGlite serialises anyway). */
    readonly partitions: number | undefined;
    readonly leaseTtlMs: number;
    /** NATS topic streams drop records older than this, consumed or not. */
    readonly retentionHours: number;
    /** Copies of each NATS stream (1, or 3 on a NATS cluster): what a RECEIPT survives. */
    readonly replicas: number;
  };
  readonly shutdownTimeoutMs: number;
  /** Run the event-log consumer groups in this process (off for nodes that only serve clients). */
  readonly consumers: boolean;
  /** Presence of a user whose node died expires after this. */
  readonly presenceTtlMs: number;
  readonly auth: {
    /** Undefined in development means: generate one and keep it in DATA_DIR. */
    readonly jwtSecret: string | undefined;
    readonly accessTokenTtlSec: number;
    readonly refreshTokenTtlSec: number;
    readonly adminEmail: string | undefined;
    readonly adminPassword: string | undefined;
    readonly loginRatePerMin: number;
  };
  readonly metrics: { readonly enabled: boolean; readonly port: number | undefined };
  readonly corsOrigins: readonly string[];
  readonly stomp: {
    readonly heartbeatMs: number;
    readonly maxFrameBytes: number;
    readonly sendRatePerSec: number;
    readonly sendBurst: number;
    /** A session whose SENDs are refused for rate this many times within `abuseWindowMs` is closed. */
    readonly abuseRejections: number;
    readonly abuseWindowMs: number;
    /**
     * SENDs are refused with SERVER_BUSY while messages reach this node's subscribers more
     * than this late (accepted to delivered), until the lag is below half of it; 0 = never.
     */
    readonly busyLagMs: number;
    /** Subscriptions one session may hold (one per destination). */
    readonly maxSubscriptions: number;
    /** Open STOMP connections per user on one node; more are refused with ERROR. */
    readonly maxConnectionsPerUser: number;
    /** Time from WebSocket upgrade to a successful CONNECT. */
    readonly connectTimeoutMs: number;
    /** A connection without incoming heart-beats is closed after sending nothing this long; 0 = never. */
    readonly maxIdleMs: number;
    /** On shutdown: time SENDs in progress get to finish and be receipted before sockets close. */
    readonly drainTimeoutMs: number;
    /**
     * STOMP over plain TCP (bots, broker clients on 61613) on its own port, TLS when given a
     * certificate and key (PEM files); undefined: off.
     */
    readonly tcp?: {
      readonly port: number;
      readonly host: string;
      /** Open TCP connections at once (authenticated or not); more are closed as they come. */
      readonly maxConnections: number;
      readonly tls?: { readonly certFile: string; readonly keyFile: string };
    };
  };
  /**
   * How long after sending a sender may edit a message, and unsend it for everyone; the
   * reactions members may use (KakaoTalk's six by default), in display order.
   */
  readonly messageChanges: {
    readonly editWindowMs: number;
    readonly unsendWindowMs: number;
    readonly reactions: readonly string[];
  };
  /** Uploads (issue #14): sizes, the daily quota, how long files are kept. */
  readonly attachments: {
    /** Largest file, in bytes: refused while it streams in. */
    readonly maxBytes: number;
    /** Bytes one user may upload in any 24 hours. */
    readonly dailyQuotaBytes: number;
    /** Files go this long after upload (the message then says expired); 0: kept as long as their message. */
    readonly retentionDays: number;
    /** An upload no message sends is deleted after this. */
    readonly unsentTtlMs: number;
    /** Images of more pixels are refused before they are decoded (decompression bombs). */
    readonly maxImagePixels: number;
  };
  /**
   * Web Push (VAPID, RFC 8292): the key pair push services know this server by, and whom they
   * contact. Undefined keys outside production: generated once and kept in DATA_DIR.
   */
  readonly push: {
    readonly publicKey: string | undefined;
    readonly privateKey: string | undefined;
    readonly subject: string;
  };
  /**
   * Internal listeners of the services others call when this process does not run them itself
   * (USERS_URL, AUTH_URL; CHAT_URL: batch's statistics read chat's figures; STORE_URL: batch's
   * daily sales read the store's).
   */
  readonly serviceUrls: Readonly<Partial<Record<'auth' | 'users' | 'chat' | 'store', string>>>;
  readonly internalToken: string | undefined;
  /**
   * The listener of service-to-service routes (`/internal/...`), opened only when this process
   * runs some services and not all (all in one process, nobody needs to call them).
   */
  readonly internalHttp: {
    readonly host: string;
    readonly port: number;
    /** Wrong internal tokens a client address may send per minute before it gets 429. */
    readonly failuresPerMin: number;
  };
  /** The gateway (`SERVICES` includes `gateway`; in the default all-in-one process too). */
  readonly gateway: {
    /**
     * Instances of each route group's service (`AUTH_UPSTREAMS=http://a:8080,http://b:8080`), for
     * the groups whose service does not run in this process; a group with none and no local
     * service answers 404.
     */
    readonly upstreams: Readonly<Record<RouteGroup, readonly string[]>>;
    /** Per client per route group (`GATEWAY_LIMIT_CHAT=30/60`: 30 per second, burst 60). */
    readonly limits: Readonly<Record<RouteGroup, BucketLimit>>;
    /** An upstream instance that failed is left out this long (passive health). */
    readonly ejectMs: number;
    /** Time an upstream gets to answer (headers) before the gateway gives up on it. */
    readonly upstreamTimeoutMs: number;
    /** Further attempts, on other instances, for idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE). */
    readonly retries: number;
  };
  /** The batch service (scheduled jobs). */
  readonly batch: {
    /** Time zone of job schedules that name none (BATCH_TIMEZONE, default Asia/Seoul). */
    readonly timezone: string;
    /**
     * Schedules replacing a job's own (`BATCH_CRON_DAILY_STATISTICS="10 0 * * *"` for job
     * `daily-statistics`; `off` leaves it on demand only), by job name; checked by the service.
     */
    readonly cron: Readonly<Record<string, string>>;
    /** A run's lease: the run of a node that died is resumed elsewhere this long after. */
    readonly leaseMs: number;
    /** How often each node looks for due fires and runs to take. */
    readonly pollMs: number;
    /** Runs one node executes at once. */
    readonly workers: number;
  };
  /** The store service (emoticon shop). */
  readonly store: {
    /**
     * Card payments (STORE_PAYMENT_PROVIDER): `sandbox`, the local sandbox provider
     * (packages/payment-sandbox; real providers need an adapter of their own), or `none`, points
     * only. Default `sandbox` outside production (started in-process when STORE_PAYMENT_URL is
     * not set), `none` in production.
     */
    readonly paymentProvider: 'sandbox' | 'none';
    /** The provider's base URL (STORE_PAYMENT_URL). */
    readonly paymentUrl: string | undefined;
    /** The provider's API key and webhook signing secret (required in production). */
    readonly paymentSecretKey: string | undefined;
    readonly webhookSecret: string | undefined;
    /** Time a provider call gets before the outcome counts as unknown. */
    readonly paymentTimeoutMs: number;
    /** Where the provider sends buyers back (STORE_PUBLIC_URL); default: the request's origin. */
    readonly publicUrl: string | undefined;
  };
  /** The social service's housekeeping (services/social/src/housekeeping). */
  readonly social: {
    /** How often a node offers to sweep (one node at a time, by a lease in the cache); 0: never. */
    readonly sweepIntervalMs: number;
    /** Read notifications are deleted this long after they were created. */
    readonly keepReadNotificationsMs: number;
    /** Every notification, read or not, is deleted this long after it was created. */
    readonly keepNotificationsMs: number;
  };
  /** Per-user limits of REST routes (token buckets in the shared cache, so across nodes). */
  readonly limits: {
    /** Writes (POST/PATCH/DELETE other than room creation and read marks) per user per minute. */
    readonly restWritesPerMin: number;
    /** Rooms created (direct or group) per user per minute. */
    readonly roomCreatesPerMin: number;
    /** People searches per user per minute. */
    readonly searchesPerMin: number;
    /** Data exports per user per hour (each service's part counts in its own bucket). */
    readonly exportsPerHour: number;
  };
}

/** Thrown with every configuration problem found, one per line, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}
