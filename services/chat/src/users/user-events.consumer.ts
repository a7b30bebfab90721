import { decodeUserEvent, USERS_EVENTS_TOPIC, type UserEvent } from '@chat/contracts';
import {
  type Consumer,
  type EventLog,
  type Logger,
  type LogRecord,
  withRecordRequestId,
} from '@chat/platform';
import type { UserDirectory } from './user-directory.ts';

export const CHAT_USERS_GROUP = 'chat-users';

/**
 * Chat's view of user events: keeps its copy of nicknames and statuses current, and has every
 * node close the sockets of users who were suspended, deactivated or deleted (their messages
 * stay).
 */
export function createUserEventsConsumer(deps: {
  log: EventLog;
  directory: UserDirectory;
  disconnectUser: (userId: number, reason: string) => Promise<void>;
  /** A user's nickname changed (cached views that show it are out of date). */
  onNicknameChanged: (userId: number) => Promise<void>;
  logger: Logger;
}) {
  let consumer: Consumer | undefined;

  /**
   * `retry`: an earlier attempt may have stored the nickname and then failed to invalidate,
   * so a retry invalidates whether or not the nickname changes now.
   */
  async function apply(event: UserEvent, retry: boolean): Promise<void> {
    switch (event.type) {
      case 'UserCreated': {
        const user = { id: event.userId, nickname: event.nickname, status: event.status };
        if ((await deps.directory.upsert(user)) || retry) await deps.onNicknameChanged(event.userId);
        return;
      }
      case 'UserProfileUpdated':
        if ((await deps.directory.setNickname(event.userId, event.nickname)) || retry) {
          await deps.onNicknameChanged(event.userId);
        }
        return;
      case 'UserStatusChanged':
        // Sockets first: closing them must not wait on (or fail with) anything else.
        if (event.newStatus !== 'ACTIVE')
          await deps.disconnectUser(event.userId, `account ${event.newStatus}`);
        await deps.directory.setStatus(event.userId, event.newStatus);
        return;
      case 'UserDeleted':
        await deps.disconnectUser(event.userId, 'account deleted');
        // Their messages stay; every view now names them '(unknown)' (a deleted user).
        if ((await deps.directory.markDeleted(event.userId)) || retry)
          await deps.onNicknameChanged(event.userId);
        return;
    }
  }

  async function handle(records: readonly LogRecord[]): Promise<void> {
    // Each event under the id of the request that made the change (a batch may mix requests).
    for (const record of records) {
      await withRecordRequestId(record, () => apply(decodeUserEvent(record.value), record.attempt > 1));
    }
  }

  return {
    async start() {
      await deps.log.ensureTopic(USERS_EVENTS_TOPIC);
      consumer = await deps.log.consume(USERS_EVENTS_TOPIC, CHAT_USERS_GROUP, handle, {
        batchSize: 100,
        onDeadLetter: (record, err) =>
          deps.logger.error(
            { err, partition: record.partition, offset: record.offset },
            'user event dead-lettered',
          ),
      });
    },
    async stop() {
      await consumer?.stop();
    },
  };
}
