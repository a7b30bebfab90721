import type { AuthUpkeepClient, ChatUpkeepClient } from '@chat/contracts';
import { Type } from '@sinclair/typebox';
import type { JobDefinition } from './job.ts';

/**
 * What the other services keep past its time, deleted through their upkeep clients, on a
 * schedule and in the run history: auth's sessions and refresh tokens expired over a day ago
 * and its expired revocations; chat's attachments never sent, of unsent messages, or past
 * ATTACHMENT_RETENTION_DAYS. Each service also purges on its own (auth hourly, chat every few
 * minutes), so this job is what makes retention visible and provable; a repeat is harmless.
 * The embedded event log drops consumed records by itself; NATS streams by LOG_RETENTION_HOURS.
 * Rooms are never deleted (closed rooms stay readable), so there is none to purge.
 */
export function retentionJob(deps: {
  auth: AuthUpkeepClient;
  chat: ChatUpkeepClient;
}): JobDefinition<Record<string, never>> {
  return {
    name: 'retention',
    description:
      'Deletes expired sessions, refresh tokens and revocations (auth) and attachments never sent, unsent or expired (chat)',
    schedule: { cron: '0 4 * * *', missed: 'run-once' },
    timeoutMs: 30 * 60_000,
    retry: { attempts: 3, backoffMs: 60_000 },
    params: Type.Object({}, { additionalProperties: false }),
    steps: [
      {
        kind: 'tasklet',
        name: 'auth-sessions',
        async run(ctx) {
          const gone = await deps.auth.purgeExpired();
          await ctx.log(
            'info',
            `deleted ${gone.sessions} sessions, ${gone.refreshTokens} refresh tokens, ${gone.revocations} revocations`,
          );
          const n = gone.sessions + gone.refreshTokens + gone.revocations;
          return { read: n, written: n };
        },
      },
      {
        kind: 'tasklet',
        name: 'chat-attachments',
        async run(ctx) {
          const removed = await deps.chat.cleanUpAttachments();
          await ctx.log('info', `deleted ${removed} attachments`);
          return { read: removed, written: removed };
        },
      },
    ],
  };
}
