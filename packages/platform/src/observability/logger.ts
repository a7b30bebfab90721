import { type DestinationStream, type Logger, pino } from 'pino';
import { currentRequestId } from './request-context.ts';

export type { Logger } from 'pino';

/** Fields that never reach a log line, wherever they sit (top level or one object down). */
const SECRET_FIELDS = ['password', 'token', 'accessToken', 'refreshToken', 'authorization', 'cookie'];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** Properties of database errors that carry the statement and its values (user data, secrets). */
const ERROR_DATA_FIELDS = ['params', 'parameters', 'values', 'queryOptions', 'query', 'detail'];

/**
 * pino's error serializer without the data a failed SQL statement carries: PGlite attaches the
 * query and its parameters to its errors, which would put search terms or password hashes into
 * error logs. The message, code, position and stack stay.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  stripData(out, 0);
  return out;
}

function stripData(value: Record<string, unknown>, depth: number): void {
  for (const field of ERROR_DATA_FIELDS) delete value[field];
  const cause = value.cause;
  if (depth < 5 && cause && typeof cause === 'object') stripData(cause as Record<string, unknown>, depth + 1);
}

/**
 * The process logger: JSON lines on stdout (or `destination`); services take a child with
 * `{ service }`. Tokens, passwords and authorization headers are redacted; errors lose their
 * SQL parameters.
 */
export function createLogger(opts: {
  level: string;
  name?: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: opts.level,
      base: { name: opts.name ?? 'chat-platform' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The current request id on every line written inside a request (request-context.ts),
      // unless the logger is a child that names it already (Fastify's request logger): once.
      mixin(_merge, _level, logger) {
        const reqId = currentRequestId();
        return reqId === undefined || 'reqId' in logger.bindings() ? {} : { reqId };
      },
    },
    opts.destination,
  );
}
