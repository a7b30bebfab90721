/** Server options, their defaults and validation (every problem reported at once). */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { ALL_VERSIONS, type StompVersion } from './frame.ts';
import type { ParserLimits } from './parser.ts';
import type { StompHooks, StompLogger } from './types.ts';

export interface HeartbeatOptions {
  /** What the server offers to send (CONNECTED heart-beat sx). Default 10000; 0 = never. */
  readonly outgoingMs?: number;
  /** What the server wants to receive (sy). Default 10000; 0 = no check. */
  readonly incomingMs?: number;
  /** A connection silent for multiplier x the negotiated incoming interval is closed. Default 3. */
  readonly silenceMultiplier?: number;
}

export interface StompServerOptions<P> extends StompHooks<P> {
  /** Attach to this server's `upgrade` event. Omit and call `handleUpgrade` yourself (noServer). */
  readonly server?: HttpServer | HttpsServer;
  /** Upgrade path when `server` is given. Default '/ws'. */
  readonly path?: string;
  /** Versions offered, any order. Default 1.2, 1.1, 1.0. */
  readonly versions?: readonly StompVersion[];
  readonly heartbeat?: HeartbeatOptions;
  /** Largest STOMP frame accepted; bigger -> ERROR + close. Default 64 KiB. */
  readonly maxFrameBytes?: number;
  readonly maxHeaders?: number;
  readonly maxHeaderBytes?: number;
  /** ws maxPayload: larger WebSocket messages are cut off by ws (close 1009). Default 4 x maxFrameBytes. */
  readonly maxMessageBytes?: number;
  /** Outgoing bytes queued per connection before it is cut off as a slow consumer. Default 1 MiB. */
  readonly highWaterMarkBytes?: number;
  /** Frames queued behind a pending hook before the socket is paused. Default 64. */
  readonly maxPendingFrames?: number;
  /** Default 1000; more -> per-request error TOO_MANY_SUBSCRIPTIONS. */
  readonly maxSubscriptionsPerSession?: number;
  /**
   * A connection that negotiated no incoming heart-beats (client cx = 0, no heart-beat header, or
   * STOMP 1.0) is closed after sending nothing for this long. Default 0 = never.
   */
  readonly maxIdleMs?: number;
  /** Time from upgrade to a successful CONNECT. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** Time a closing socket gets to finish the close handshake before it is destroyed. Default 5000. */
  readonly closeTimeoutMs?: number;
  /** Resolution of the one shared timer (heart-beats, timeouts). Default min(1000, smallest interval / 4). */
  readonly tickMs?: number;
  /** Default '/user/queue/errors'. */
  readonly errorDestination?: string;
  /**
   * Subscriptions to destinations under this prefix stay private to their session: not in the
   * shared registry, never reached by publishLocal, no onDestinationActive. Default '/user/'.
   */
  readonly userDestinationPrefix?: string;
  /**
   * Per-request errors for a session without a subscription to the error destination:
   * 'deliver' (default) sends the MESSAGE with `subscription:<errorDestination>` (stompjs hands it
   * to `onUnhandledMessage`), 'drop' discards it (logged at debug).
   */
  readonly unsubscribedErrors?: 'deliver' | 'drop';
  /** content-type of MESSAGE frames unless the headers give one. Default 'application/json'; '' = none. */
  readonly defaultContentType?: string;
  /** CONNECTED `server` header. */
  readonly serverName?: string;
  readonly logger?: StompLogger;
  /**
   * Wraps all a session does for its client, given the session's request id (the upgrade
   * request's `X-Request-Id`, else the session id): the handling of every frame, the failures
   * it reports and the `onDisconnect` hook. E.g. to make it the current request id of logs and
   * outgoing calls. Default: none.
   */
  readonly frameScope?: FrameScope;
}

/** Runs `run` (and all it starts) as part of the session's request `requestId`. */
export type FrameScope = <T>(requestId: string, run: () => T) => T;

export interface ResolvedOptions<P> {
  readonly hooks: StompHooks<P>;
  readonly path: string;
  readonly versions: readonly StompVersion[];
  readonly heartbeatOutgoingMs: number;
  readonly heartbeatIncomingMs: number;
  readonly silenceMultiplier: number;
  readonly limits: ParserLimits;
  readonly maxMessageBytes: number;
  readonly highWaterMarkBytes: number;
  readonly maxPendingFrames: number;
  readonly maxSubscriptionsPerSession: number;
  readonly maxIdleMs: number;
  readonly connectTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly tickMs: number;
  readonly errorDestination: string;
  readonly userDestinationPrefix: string;
  readonly unsubscribedErrors: 'deliver' | 'drop';
  readonly defaultContentType: string;
  readonly serverName: string;
  readonly logger: StompLogger;
  readonly frameScope: FrameScope | undefined;
}

function tickFor(outgoing: number, incoming: number): number {
  const smallest = Math.min(...[outgoing, incoming, 4000].filter((v) => v > 0));
  return Math.max(5, Math.floor(Math.min(1000, smallest / 4)));
}

export function resolveOptions<P>(options: StompServerOptions<P>): ResolvedOptions<P> {
  const problems: string[] = [];
  const num = (name: string, value: number | undefined, fallback: number, min: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || !Number.isInteger(v) || v < min)
      problems.push(`${name} must be an integer >= ${min}`);
    return v;
  };
  const hb = options.heartbeat ?? {};
  const heartbeatOutgoingMs = num('heartbeat.outgoingMs', hb.outgoingMs, 10_000, 0);
  const heartbeatIncomingMs = num('heartbeat.incomingMs', hb.incomingMs, 10_000, 0);
  const silenceMultiplier = hb.silenceMultiplier ?? 3;
  if (!(silenceMultiplier >= 1)) problems.push('heartbeat.silenceMultiplier must be >= 1');
  const maxFrameBytes = num('maxFrameBytes', options.maxFrameBytes, 64 * 1024, 64);
  const versions = options.versions ?? ALL_VERSIONS;
  if (versions.length === 0 || versions.some((v) => !ALL_VERSIONS.includes(v))) {
    problems.push(`versions must be a non-empty subset of ${ALL_VERSIONS.join(', ')}`);
  }
  if (typeof options.authenticate !== 'function') problems.push('authenticate hook is required');
  const path = options.path ?? '/ws';
  if (!path.startsWith('/')) problems.push('path must start with /');
  const resolved: ResolvedOptions<P> = {
    hooks: options,
    path,
    versions: ALL_VERSIONS.filter((v) => versions.includes(v)),
    heartbeatOutgoingMs,
    heartbeatIncomingMs,
    silenceMultiplier,
    limits: Object.freeze({
      maxFrameBytes,
      maxHeaders: num('maxHeaders', options.maxHeaders, 64, 1),
      maxHeaderBytes: num('maxHeaderBytes', options.maxHeaderBytes, Math.min(8 * 1024, maxFrameBytes), 16),
    }),
    maxMessageBytes: num('maxMessageBytes', options.maxMessageBytes, 4 * maxFrameBytes, 64),
    highWaterMarkBytes: num('highWaterMarkBytes', options.highWaterMarkBytes, 1024 * 1024, 1),
    maxPendingFrames: num('maxPendingFrames', options.maxPendingFrames, 64, 1),
    maxSubscriptionsPerSession: num(
      'maxSubscriptionsPerSession',
      options.maxSubscriptionsPerSession,
      1000,
      1,
    ),
    maxIdleMs: num('maxIdleMs', options.maxIdleMs, 0, 0),
    connectTimeoutMs: num('connectTimeoutMs', options.connectTimeoutMs, 10_000, 1),
    closeTimeoutMs: num('closeTimeoutMs', options.closeTimeoutMs, 5_000, 1),
    tickMs: num('tickMs', options.tickMs, tickFor(heartbeatOutgoingMs, heartbeatIncomingMs), 1),
    errorDestination: options.errorDestination ?? '/user/queue/errors',
    userDestinationPrefix: options.userDestinationPrefix ?? '/user/',
    unsubscribedErrors: options.unsubscribedErrors ?? 'deliver',
    defaultContentType: options.defaultContentType ?? 'application/json',
    serverName: options.serverName ?? 'chat-stomp/1.0',
    logger: options.logger ?? {},
    frameScope: options.frameScope,
  };
  if (problems.length > 0) throw new TypeError(`invalid STOMP server options: ${problems.join('; ')}`);
  return Object.freeze(resolved);
}
