import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** The process logger: JSON lines on stdout; services take a child with `{ service }`. */
export function createLogger(opts: { level: string; name?: string }): Logger {
  return pino({
    level: opts.level,
    base: { name: opts.name ?? 'chat-platform' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization', 'refreshToken', '*.refreshToken'],
      censor: '[redacted]',
    },
  });
}
