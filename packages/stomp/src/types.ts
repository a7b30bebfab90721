/** Public types of the STOMP server: sessions, hooks and the server handle. */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { UserErrorPayload } from './errors.ts';
import type { StompFrame, StompHeaders, StompVersion } from './frame.ts';
import type { SockJsConnection } from './transport.ts';

export type MessageBody = string | Uint8Array;

/** Extra MESSAGE headers. `content-type` overrides the server default; protocol headers are ignored. */
export type MessageHeaders = Readonly<Record<string, string>>;

export type AckMode = 'auto' | 'client' | 'client-individual';

export type DisconnectReason =
  | 'client-disconnect' // DISCONNECT frame
  | 'socket-closed' // the peer closed or the socket broke
  | 'heartbeat-timeout' // silent for heart-beat multiplier x negotiated interval
  | 'protocol-error' // malformed frame, limit exceeded, unsupported command
  | 'slow-consumer' // outgoing buffer over the high-water mark
  | 'server-shutdown' // StompServer.close()
  | 'app-error' // fatal StompError from a hook, or session.error()
  | 'app-close'; // session.close()

export interface SubscriptionInfo {
  readonly id: string;
  readonly destination: string;
  readonly ack: AckMode;
}

export interface StompSession<P = unknown> {
  readonly id: string;
  /** What `authenticate` returned. */
  readonly principal: P;
  readonly version: StompVersion;
  readonly remoteAddress: string | undefined;
  /** The upgrade request's `X-Request-Id` (a valid one), else the session id. */
  readonly requestId: string;
  /** True until the session starts closing. */
  readonly isOpen: boolean;
  /** Bytes queued in the socket and ws sender, not yet written to the kernel. */
  readonly bufferedAmount: number;
  /** MESSAGE to every subscription of this session to `destination`; returns the delivery count. */
  send(destination: string, body: MessageBody, headers?: MessageHeaders): number;
  /** MESSAGE to one subscription; false when it does not exist (or the session is closing). */
  sendToSubscription(subscriptionId: string, body: MessageBody, headers?: MessageHeaders): boolean;
  /**
   * Per-request error as a MESSAGE on the error destination (default `/user/queue/errors`), JSON
   * `{code, message, receiptId?, ...}`. Connection stays open. See README for the unsubscribed case.
   */
  sendUserError(payload: UserErrorPayload): boolean;
  /** Writes `RECEIPT receipt-id:<id>`; for receipts taken over with `SendContext.deferReceipt()`. */
  sendReceipt(receiptId: string): boolean;
  subscriptions(): IterableIterator<SubscriptionInfo>;
  /**
   * Ends a subscription from the server side (e.g. the user lost access): no more MESSAGEs to it,
   * `onUnsubscribe` runs as for an UNSUBSCRIBE frame. False when there is no such subscription.
   */
  unsubscribe(subscriptionId: string): boolean;
  /** ERROR frame (`message` header and body), then close (default code 1008). */
  error(message: string, headers?: MessageHeaders, closeCode?: number): void;
  close(code?: number, reason?: string): void;
}

/** Second chance at a SEND's receipt: by default it is written once `onSend` resolves. */
export interface SendContext {
  /** The SEND's `receipt` header. */
  readonly receipt: string | undefined;
  /**
   * Takes over the receipt: the server will not write it; call `session.sendReceipt(id)` once
   * the message is durable. Returns the receipt id (undefined when the SEND had none).
   * Lets `onSend` return early so the next frames of the session are processed meanwhile.
   */
  deferReceipt(): string | undefined;
}

export interface StompHooks<P> {
  /** CONNECT/STOMP frame -> principal. Throwing answers ERROR (the StompError's message) + close. */
  authenticate(connect: StompFrame, req: IncomingMessage | undefined): Promise<P> | P;
  /**
   * Before a subscription is registered (so publishes reach it only once this resolves). Throw a
   * StompError: `fatal: false` -> per-request error, `fatal: true` -> ERROR + close.
   */
  onSubscribe?(
    session: StompSession<P>,
    destination: string,
    subscriptionId: string,
    headers: StompHeaders,
  ): Promise<void> | void;
  onUnsubscribe?(session: StompSession<P>, subscription: SubscriptionInfo): void;
  /**
   * A SEND. Its RECEIPT (when asked for) is written after the returned promise resolves, or when
   * the app calls `session.sendReceipt` after `ctx.deferReceipt()`. Frames of one session are
   * processed in order: the next frame waits for this promise.
   */
  onSend?(
    session: StompSession<P>,
    destination: string,
    body: Buffer,
    headers: StompHeaders,
    ctx: SendContext,
  ): Promise<void> | void;
  /**
   * Once per session that completed CONNECT, right after CONNECTED was written. Paired with
   * `onDisconnect`: a socket that closes while `authenticate` is still running gets neither.
   */
  onConnect?(session: StompSession<P>): Promise<void> | void;
  /** Once per session that completed CONNECT, when it starts closing. */
  onDisconnect?(session: StompSession<P>, reason: DisconnectReason): void;
  /** First local subscription to a destination (e.g. subscribe to it on a cluster pub/sub). */
  onDestinationActive?(destination: string): void;
  /** Last local subscription to a destination went away. */
  onDestinationIdle?(destination: string): void;
}

/** pino-compatible subset. */
export interface StompLogger {
  debug?(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  error?(obj: object, msg: string): void;
}

export interface ShutdownOptions {
  /** ERROR `message` sent before closing (false: no ERROR frame). Default 'server shutting down'. */
  readonly message?: string | false;
  /** Default 1012 (service restart: clients should reconnect, possibly to another node). */
  readonly code?: number;
  readonly reason?: string;
  /** Sockets still open after this are terminated. Default 5000. */
  readonly timeoutMs?: number;
  /**
   * Before closing: stop reading frames and wait up to this long for the frames being handled
   * (e.g. SENDs being made durable) to finish and write their RECEIPTs. Default 10000; 0 = none.
   */
  readonly drainTimeoutMs?: number;
}

export interface StompServer<P = unknown> {
  /** For `noServer` use: hand over an HTTP upgrade (the caller checked the path). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Takes a connected TCP (or TLS) socket that speaks STOMP directly (frames on the stream, no
   * WebSocket): same sessions, authentication, limits and heart-beats. Pass it from a
   * `net.Server`'s 'connection' (or a `tls.Server`'s 'secureConnection').
   */
  handleSocket(socket: Socket): void;
  /** Takes a session of the `sockjs` package's server (its 'connection' event). */
  handleSockJs(conn: SockJsConnection): void;
  /**
   * MESSAGE to every local subscription of `destination` (only those of sessions `only` accepts,
   * when given); the frame is encoded once.
   */
  publishLocal(
    destination: string,
    body: MessageBody,
    headers?: MessageHeaders,
    only?: (session: StompSession<P>) => boolean,
  ): number;
  /** Sessions that completed CONNECT and are not closing. */
  sessions(): IterableIterator<StompSession<P>>;
  readonly sessionCount: number;
  /** Destinations with at least one local subscription. */
  destinations(): IterableIterator<string>;
  subscriberCount(destination: string): number;
  /**
   * Stops accepting upgrades, drains (no new frames read; frames in progress finish and get their
   * RECEIPTs), sends ERROR + close (1012) to everyone, waits, terminates leftovers.
   */
  close(options?: ShutdownOptions): Promise<void>;
}
