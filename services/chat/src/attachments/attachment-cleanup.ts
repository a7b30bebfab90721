import type { Logger } from '@chat/platform';
import type { AttachmentService } from './attachment.service.ts';

/** How often the clean-up looks for uploads never sent and expired ones. */
const INTERVAL_MS = 5 * 60_000;

/**
 * Runs the attachment clean-up on the nodes that run consumers, every few minutes, batch
 * after batch until nothing is left. Nodes may overlap: deleting bytes and rows twice is
 * harmless.
 */
export function createAttachmentCleanup(deps: {
  attachments: AttachmentService;
  logger: Logger;
  intervalMs?: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function run(): Promise<void> {
    try {
      let removed = 0;
      for (let n = await deps.attachments.cleanUp(); n > 0; n = await deps.attachments.cleanUp())
        removed += n;
      if (removed > 0) deps.logger.info({ removed }, 'attachments removed (never sent, unsent or expired)');
    } catch (err) {
      deps.logger.warn({ err }, 'attachment clean-up failed; tried again later');
    }
  }

  return {
    start() {
      timer = setInterval(() => {
        running ??= run().finally(() => {
          running = undefined;
        });
      }, deps.intervalMs ?? INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
