import type { Logger } from 'pino';

interface StopHook {
  name: string;
  fn: () => Promise<void> | void;
}

/**
 * Ordered shutdown registry: hooks run in reverse order of registration (last started, first
 * stopped), each awaited; a failing hook is logged and the rest still run.
 */
export class Lifecycle {
  private readonly hooks: StopHook[] = [];
  private stopping: Promise<void> | undefined;

  onStop(name: string, fn: () => Promise<void> | void): void {
    this.hooks.push({ name, fn });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  stop(logger: Logger): Promise<void> {
    this.stopping ??= (async () => {
      for (const hook of [...this.hooks].reverse()) {
        const started = Date.now();
        try {
          await hook.fn();
          logger.debug({ hook: hook.name, ms: Date.now() - started }, 'stopped');
        } catch (err) {
          logger.error({ err, hook: hook.name }, 'shutdown hook failed');
        }
      }
    })();
    return this.stopping;
  }
}

/**
 * SIGTERM/SIGINT: run the lifecycle's stop hooks and exit 0; exit 1 if they take longer than
 * the timeout. A second signal exits at once.
 */
export function exitOnSignals(lifecycle: Lifecycle, logger: Logger, timeoutMs: number): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal, timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    lifecycle.stop(logger).then(
      () => {
        logger.info('shutdown complete');
        logger.flush?.();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
