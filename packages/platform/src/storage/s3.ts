import { pipeline, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Logger } from 'pino';
import type { ByteRange, ObjectRead, ObjectStore } from '../ports/object-store.ts';
import { assertObjectKey, assertRange, exactLength, slice } from './object-key.ts';

export interface S3ObjectStoreOptions {
  readonly bucket: string;
  /** A self-hosted server's URL (MinIO, Ceph, SeaweedFS, Garage...); none for AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  /** `bucket` in the path, not the host name: what most self-hosted servers need. */
  readonly forcePathStyle: boolean;
  /** Without them the SDK's own chain (environment, profile, instance role) is used. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Put in front of every key, so deployments can share a bucket. */
  readonly prefix?: string;
  readonly requestTimeoutMs?: number;
  /** Where the SDK's own warnings go (it prints them to the console otherwise). */
  readonly logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** An S3 error that means "no such object" (GET answers NoSuchKey, HEAD a bare 404). */
function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/** S3's answer to a range that starts past the object (416 InvalidRange). */
function isUnsatisfiable(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416;
}

/** `bytes 0-9/1234` -> 1234. */
function totalOf(contentRange: string | undefined): number | undefined {
  const m = /\/(\d+)$/.exec(contentRange ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The SDK logs with console-like calls (message first); pino wants the message last. */
function sdkLogger(logger: S3ObjectStoreOptions['logger']) {
  if (!logger) return silent;
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...content: unknown[]) => {
      const text = content.filter((c) => typeof c === 'string').join(' ');
      const details = content.filter((c) => typeof c !== 'string');
      logger[level]({ component: 's3', ...(details.length > 0 && { details }) }, text || 'AWS SDK');
    };
  return { debug: at('debug'), info: at('debug'), warn: at('warn'), error: at('error') };
}

/** `bytes 5-9/1234` -> 5. */
function startOf(contentRange: string | undefined): number | undefined {
  const m = /^bytes (\d+)-/.exec(contentRange ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Objects in an S3-compatible bucket. Checksums are sent and checked only where S3 requires
 * them: the SDK's default (a CRC trailer in aws-chunked bodies) is refused by many self-hosted
 * servers, and each put's length is checked here instead.
 */
export function createS3ObjectStore(opts: S3ObjectStoreOptions): ObjectStore {
  // On Node 20 the SDK prints a notice that its releases after January 2027 need Node 22; the
  // version in package-lock.json runs on 20, and the notice would be the one multi-line
  // message a start prints.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    // A copy: the SDK marks the object it is given, and configuration is frozen.
    credentials: opts.credentials && { ...opts.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    logger: sdkLogger(opts.logger),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: opts.requestTimeoutMs ?? 60_000 },
  });
  const Bucket = opts.bucket;
  const prefix = opts.prefix ?? '';
  const keyOf = (key: string) => {
    assertObjectKey(key);
    return prefix + key;
  };

  const head = async (key: string) => {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
      return { size: out.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  };

  return {
    adapter: 's3',

    async put(key, body, size) {
      const Key = keyOf(key);
      const source = body instanceof Uint8Array ? Readable.from([body]) : body;
      const checked = source.pipe(exactLength(size));
      source.once('error', (err) => checked.destroy(err));
      // The SDK does not listen for the body's errors: a body that breaks off or has the wrong
      // length aborts the request here, so the server never completes the object.
      const abort = new AbortController();
      const broken = new Promise<never>((_, reject) =>
        checked.once('error', (err) => {
          abort.abort(err);
          reject(err);
        }),
      );
      broken.catch(() => undefined);
      const put = new PutObjectCommand({ Bucket, Key, Body: checked, ContentLength: size });
      try {
        await Promise.race([client.send(put, { abortSignal: abort.signal }), broken]);
      } catch (err) {
        // The server refused or went away: the body is not read any more, close it (a file).
        source.destroy();
        checked.destroy();
        throw err;
      }
    },

    async get(key, range?: ByteRange): Promise<ObjectRead | null> {
      const Key = keyOf(key);
      // One request: its size is known only from the answer, so a range is checked for shape
      // now and against the object once it answers (S3 clamps an end past the object, or
      // answers 416 for a start past it; servers differ).
      if (range) assertRange(range, Number.MAX_SAFE_INTEGER);
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket,
            Key,
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        const length = out.ContentLength ?? 0;
        const size = range ? (totalOf(out.ContentRange) ?? length) : length;
        const sent = out.Body instanceof Readable ? out.Body : Readable.from([]);
        if (!range) return { body: sent, size, range: { start: 0, end: size - 1 } };
        if (range.end >= size) {
          sent.destroy();
          assertRange(range, size);
        }
        // A server that ignores the range, or widens it (s3rver 3.7 answers `bytes=0-0` with
        // everything), is cut down to what was asked.
        const from = startOf(out.ContentRange) ?? 0;
        // pipeline: an error on either side destroys both (the S3 connection with them).
        const body =
          from === range.start && length === range.end - range.start + 1
            ? sent
            : pipeline(sent, slice(range.start - from, range.end - range.start + 1), () => undefined);
        return { body, size, range };
      } catch (err) {
        if (isMissing(err)) return null;
        if (range && isUnsatisfiable(err))
          throw new RangeError(`range ${range.start}-${range.end} is outside ${key}`);
        throw err;
      }
    },

    head,

    async delete(keys) {
      // One request a key: DeleteObjects needs a Content-MD5 some servers compute differently.
      await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }))));
    },

    async health() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return { status: 'UP', details: { adapter: 's3', bucket: Bucket } };
      } catch (err) {
        const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
        const reason = e.$metadata?.httpStatusCode
          ? `${e.name} (${e.$metadata.httpStatusCode})`
          : (e.code ?? e.name);
        return {
          status: 'DOWN',
          details: { adapter: 's3', bucket: Bucket, reason: reason ?? 'unavailable' },
        };
      }
    },

    async close() {
      client.destroy();
    },
  };
}
