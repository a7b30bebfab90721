import { decodeUserEvent, USERS_EVENTS_TOPIC, type UserEvent } from '@chat/contracts';
import {
  type Consumer,
  type EventLog,
  type Logger,
  type LogRecord,
  withRecordRequestId,
} from '@chat/platform';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { SessionRepository } from '../sessions/session.repository.ts';
import type { SessionService } from '../sessions/session.service.ts';

export const AUTH_CONSUMER_GROUP = 'auth';

export interface UserEventsDeps {
  log: EventLog;
  sessions: SessionService;
  sessionRepo: SessionRepository;
  credentials: CredentialRepository;
  logger: Logger;
}

/**
 * Reacts to users' events: leaving ACTIVE revokes every session and access token of the user;
 * deletion also removes the credential and the sessions. Idempotent (events may come twice).
 * An event that does not match its schema is logged and skipped: retrying cannot fix it.
 */
export function createUserEventsConsumer(deps: UserEventsDeps) {
  const { sessions, sessionRepo, credentials, logger } = deps;
  let consumer: Consumer | undefined;

  async function apply(event: UserEvent): Promise<void> {
    if (event.type === 'UserStatusChanged' && event.newStatus !== 'ACTIVE') {
      const revoked = await sessions.revokeUser(event.userId, event.occurredAt, `status:${event.newStatus}`);
      logger.info({ userId: event.userId, status: event.newStatus, revoked }, 'sessions revoked');
    } else if (event.type === 'UserDeleted') {
      await sessions.revokeUser(event.userId, event.occurredAt, 'deleted');
      await credentials.delete(event.userId);
      await sessionRepo.deleteUserSessions(event.userId);
      logger.info({ userId: event.userId }, 'credentials and sessions of deleted user removed');
    }
  }

  async function handleOne(record: LogRecord): Promise<void> {
    let event: UserEvent;
    try {
      event = decodeUserEvent(record.value);
    } catch (err) {
      logger.error({ err, partition: record.partition, offset: record.offset }, 'invalid user event skipped');
      return;
    }
    await apply(event);
  }

  async function handle(records: readonly LogRecord[]): Promise<void> {
    // Each event under the id of the request that made the change (a batch may mix requests).
    for (const record of records) await withRecordRequestId(record, () => handleOne(record));
  }

  return {
    handle,
    async start(): Promise<void> {
      await deps.log.ensureTopic(USERS_EVENTS_TOPIC);
      consumer = await deps.log.consume(USERS_EVENTS_TOPIC, AUTH_CONSUMER_GROUP, handle, {
        onDeadLetter: (record, err) =>
          logger.error(
            { err, partition: record.partition, offset: record.offset },
            'user event dead-lettered',
          ),
      });
    },
    async stop(): Promise<void> {
      await consumer?.stop();
      consumer = undefined;
    },
  };
}
