import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

/** `nats://user:pw@host:4222,host2` -> `host:4222,host2` for messages. */
export function displayServers(url: string): string {
  return url
    .split(',')
    .map((s) =>
      s
        .trim()
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/^[^@]*@/, ''),
    )
    .join(',');
}

/**
 * Connects and checks that JetStream answers; fails fast with a one-line message
 * ("cannot connect to NATS at 127.0.0.1:4222: ...") when the server is unreachable or has
 * no JetStream. After the first connect the client reconnects on its own.
 */
export async function connectJetStream(
  url: string,
  timeoutMs: number,
): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const where = displayServers(url);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: url.split(',').map((s) => s.trim()),
      timeout: timeoutMs,
      name: 'chat-event-log',
      maxReconnectAttempts: -1,
      // Otherwise every request (each append is one) builds two Error objects with stack
      // traces up front, in case it fails: about 8 % of a chat node's CPU under load.
      noAsyncTraces: true,
    });
  } catch (err) {
    throw new Error(`cannot connect to NATS at ${where}: ${(err as Error).message}`);
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
    return { nc, jsm };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw new Error(
      `cannot connect to NATS at ${where}: JetStream is not available (${(err as Error).message})`,
    );
  }
}
