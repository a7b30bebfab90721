import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConsumeOptions } from '../ports/event-log.ts';

/** Consume options with every default filled in. */
export interface ResolvedConsumeOptions
  extends Required<Omit<ConsumeOptions, 'onDeadLetter' | 'onRetry' | 'onProgress' | 'linger'>> {
  linger: Required<NonNullable<ConsumeOptions['linger']>>;
  onDeadLetter: ConsumeOptions['onDeadLetter'];
  onRetry: ConsumeOptions['onRetry'];
  onProgress: ConsumeOptions['onProgress'];
}

export function resolveConsumeOptions(opts: ConsumeOptions = {}): ResolvedConsumeOptions {
  const positive = (name: string, value: number | undefined, fallback: number, min: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v < min) throw new Error(`consume: ${name} must be a number >= ${min}`);
    return v;
  };
  return {
    batchSize: positive('batchSize', opts.batchSize, 100, 1),
    maxAttempts: positive('maxAttempts', opts.maxAttempts, 5, 1),
    initialBackoffMs: positive('initialBackoffMs', opts.initialBackoffMs, 100, 0),
    maxBackoffMs: positive('maxBackoffMs', opts.maxBackoffMs, 5000, 0),
    linger: {
      ms: positive('linger.ms', opts.linger?.ms, 0, 0),
      minRecords: positive('linger.minRecords', opts.linger?.minRecords, 1, 1),
      when: opts.linger?.when ?? (() => true),
    },
    instanceId: opts.instanceId ?? defaultInstanceId(),
    onDeadLetter: opts.onDeadLetter,
    onRetry: opts.onRetry,
    onProgress: opts.onProgress,
  };
}

/** Backoff before retry `n` (1-based): min(maxBackoffMs, initialBackoffMs * 2^(n-1)). */
export function backoffMs(opts: { initialBackoffMs: number; maxBackoffMs: number }, n: number): number {
  return Math.min(opts.maxBackoffMs, opts.initialBackoffMs * 2 ** Math.max(0, n - 1));
}

/**
 * `<host>-<pid>-<random>`: unique per consumer, and says which process holds a partition's
 * lease (operators, tests) when read from the lease store.
 */
function defaultInstanceId(): string {
  const host = hostname()
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 40);
  return `${host}-${process.pid}-${randomBytes(4).toString('hex')}`;
}
