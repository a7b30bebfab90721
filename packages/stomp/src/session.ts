/** The STOMP side of a connection: principal, subscriptions, MESSAGE/RECEIPT output, error routing. */
import type { IncomingMessage } from 'node:http';
import { encodeFrame } from './codec.ts';
import { handleFrame } from './commands.ts';
import { CLOSING, CONNECTING, Connection } from './connection.ts';
import type { ServerContext } from './context.ts';
import {
  CloseCode,
  StompError,
  StompProtocolError,
  StompServerErrorCode,
  type UserErrorPayload,
} from './errors.ts';
import type { StompFrame, StompVersion } from './frame.ts';
import { encodeSubscriptionPrefix, MessageBatch } from './message.ts';
import type { HeartbeatPlan } from './negotiate.ts';
import type { Subscription } from './registry.ts';
import type { StompTransport } from './transport.ts';
import type {
  AckMode,
  DisconnectReason,
  MessageBody,
  MessageHeaders,
  StompSession,
  SubscriptionInfo,
} from './types.ts';

const NO_SUBSCRIPTIONS: ReadonlyMap<string, Subscription<never>> = new Map();

function userError(
  code: string,
  message: string,
  receiptId: string | undefined,
  details: Readonly<Record<string, unknown>> | undefined,
): UserErrorPayload {
  const payload: Record<string, unknown> = { code, message };
  if (receiptId !== undefined) payload.receiptId = receiptId;
  if (details !== undefined) for (const key in details) if (!(key in payload)) payload[key] = details[key];
  return payload as UserErrorPayload;
}

/** The request ids accepted from an upgrade request (as the HTTP edge accepts them). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export class Session<P> extends Connection implements StompSession<P> {
  readonly remoteAddress: string | undefined;
  readonly requestId: string;
  readonly ctx: ServerContext<P, Session<P>>;
  private principalValue: P | undefined;
  private req: IncomingMessage | undefined;
  private subs: Map<string, Subscription<Session<P>>> | null = null;

  /** `req`: the WebSocket upgrade request (none over TCP). */
  constructor(
    ctx: ServerContext<P, Session<P>>,
    transport: StompTransport,
    req: IncomingMessage | undefined,
    remoteAddress: string | undefined,
    id: string,
  ) {
    super(transport, ctx.options, ctx, id);
    this.ctx = ctx;
    this.req = req;
    this.remoteAddress = remoteAddress;
    const given = req?.headers['x-request-id'];
    this.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : id;
  }

  get principal(): P {
    return this.principalValue as P;
  }

  /** Runs `fn` as part of the session's request (the `frameScope` option), or as it is. */
  private scoped<T>(fn: () => T): T {
    const scope = this.ctx.options.frameScope;
    return scope ? scope(this.requestId, fn) : fn();
  }

  protected handle(frame: StompFrame): Promise<void> | undefined {
    return this.scoped(() => handleFrame(this, frame));
  }

  /** Protocol errors and fatal app errors close; the rest go to the user error queue. */
  fail(err: unknown, frame: StompFrame | undefined): void {
    // Called once a frame's handling settled (outside it): its log line belongs to the session.
    this.scoped(() => this.report(err, frame));
  }

  private report(err: unknown, frame: StompFrame | undefined): void {
    if (this.state >= CLOSING) return;
    if (err instanceof StompProtocolError) {
      this.fatal(err.message, err.closeCode, 'protocol-error', frame);
      return;
    }
    const receiptId = frame?.headers.receipt;
    if (err instanceof StompError) {
      if (err.fatal || !this.isOpen) this.fatal(err.message, err.closeCode, 'app-error', frame);
      else this.sendUserError(userError(err.code, err.message, receiptId, err.details));
      return;
    }
    this.ctx.options.logger.error?.(
      { err, session: this.id, command: frame?.command },
      'STOMP handler failed',
    );
    if (!this.isOpen) this.fatal('internal error', CloseCode.INTERNAL_ERROR, 'app-error', frame);
    else this.sendUserError(userError(StompServerErrorCode.INTERNAL, 'internal error', receiptId, undefined));
  }

  // ---- connect ------------------------------------------------------------------------------

  /** The upgrade request (none over TCP), handed to `authenticate` once and then released. */
  takeRequest(): IncomingMessage | undefined {
    const req = this.req;
    this.req = undefined;
    return req;
  }

  open(principal: P, version: StompVersion, plan: HeartbeatPlan): void {
    if (this.state !== CONNECTING) return;
    const { options } = this.ctx;
    this.principalValue = principal;
    this.markOpen(version, plan.sendMs, plan.receiveMs * options.silenceMultiplier);
    const headers: Record<string, string> = { version, server: options.serverName, session: this.id };
    if (version !== '1.0')
      headers['heart-beat'] = `${options.heartbeatOutgoingMs},${options.heartbeatIncomingMs}`;
    this.write(encodeFrame({ command: 'CONNECTED', headers }), false);
    this.ctx.sessionOpened(this);
    const failed = (err: unknown) => options.logger.error?.({ err, session: this.id }, 'onConnect failed');
    try {
      const result = options.hooks.onConnect?.(this);
      if (result instanceof Promise) result.catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  // ---- subscriptions ------------------------------------------------------------------------

  subscription(id: string): Subscription<Session<P>> | undefined {
    return this.subs?.get(id);
  }

  get subscriptionCount(): number {
    return this.subs?.size ?? 0;
  }

  addSubscription(id: string, destination: string, ack: AckMode): void {
    const escaping = this.version !== '1.0';
    const shared = !destination.startsWith(this.ctx.options.userDestinationPrefix);
    const prefix = encodeSubscriptionPrefix(id, escaping);
    const needsAck = ack !== 'auto';
    const sub: Subscription<Session<P>> = {
      session: this,
      id,
      destination,
      ack,
      escaping,
      needsAck,
      prefix,
      shared,
    };
    if (this.subs === null) this.subs = new Map();
    this.subs.set(id, sub);
    if (shared) this.ctx.registry.add(sub);
  }

  removeSubscription(id: string): Subscription<Session<P>> | undefined {
    const sub = this.subs?.get(id);
    if (sub === undefined) return undefined;
    this.subs?.delete(id);
    if (sub.shared) this.ctx.registry.remove(sub);
    return sub;
  }

  /** Same destination twice on one session would deliver every message twice. */
  subscriptionTo(destination: string): Subscription<Session<P>> | undefined {
    if (this.subs === null) return undefined;
    for (const sub of this.subs.values()) if (sub.destination === destination) return sub;
    return undefined;
  }

  unsubscribe(subscriptionId: string): boolean {
    const sub = this.removeSubscription(subscriptionId);
    if (sub === undefined) return false;
    try {
      this.ctx.options.hooks.onUnsubscribe?.(this, sub);
    } catch (err) {
      this.ctx.options.logger.error?.({ err, session: this.id }, 'onUnsubscribe failed');
    }
    return true;
  }

  subscriptions(): IterableIterator<SubscriptionInfo> {
    return (this.subs ?? NO_SUBSCRIPTIONS).values();
  }

  // ---- output -------------------------------------------------------------------------------

  deliver(batch: MessageBatch, sub: Subscription<Session<P>>): boolean {
    return this.write(batch.frameFor(sub), batch.binary);
  }

  private batch(destination: string, body: MessageBody, headers: MessageHeaders | undefined): MessageBatch {
    const { ctx } = this;
    return new MessageBatch(destination, ctx.nextMessageId(), body, headers, ctx.options.defaultContentType);
  }

  send(destination: string, body: MessageBody, headers?: MessageHeaders): number {
    if (!this.isOpen || this.subs === null) return 0;
    let batch: MessageBatch | null = null;
    let delivered = 0;
    for (const sub of this.subs.values()) {
      if (sub.destination !== destination) continue;
      if (batch === null) batch = this.batch(destination, body, headers);
      if (this.deliver(batch, sub)) delivered++;
    }
    return delivered;
  }

  sendToSubscription(subscriptionId: string, body: MessageBody, headers?: MessageHeaders): boolean {
    const sub = this.subs?.get(subscriptionId);
    if (sub === undefined || !this.isOpen) return false;
    return this.deliver(this.batch(sub.destination, body, headers), sub);
  }

  sendUserError(payload: UserErrorPayload): boolean {
    const { options } = this.ctx;
    const body = JSON.stringify(payload);
    if (this.send(options.errorDestination, body) > 0) return true;
    if (!this.isOpen) return false;
    if (options.unsubscribedErrors === 'drop') {
      options.logger.debug?.(
        { session: this.id, code: payload.code },
        'per-request error dropped: no subscription',
      );
      return false;
    }
    const destination = options.errorDestination;
    const headers = {
      subscription: destination,
      'message-id': this.ctx.nextMessageId(),
      destination,
      'content-type': 'application/json',
    };
    return this.write(
      encodeFrame({ command: 'MESSAGE', headers, body }, { escaping: this.version !== '1.0' }),
      false,
    );
  }

  sendReceipt(receiptId: string): boolean {
    const headers = { 'receipt-id': receiptId };
    return this.write(
      encodeFrame({ command: 'RECEIPT', headers }, { escaping: this.version !== '1.0' }),
      false,
    );
  }

  // ---- closing ------------------------------------------------------------------------------

  error(message: string, headers?: MessageHeaders, closeCode: number = CloseCode.POLICY_VIOLATION): void {
    this.fatal(message, closeCode, 'app-error', undefined, headers);
  }

  close(code: number = CloseCode.NORMAL, reason = ''): void {
    this.beginClose('app-close', code, reason);
  }

  protected closing(reason: DisconnectReason, wasOpen: boolean): void {
    const subs = this.subs;
    this.subs = null;
    if (subs !== null) for (const sub of subs.values()) if (sub.shared) this.ctx.registry.remove(sub);
    this.ctx.sessionClosing(this);
    if (!wasOpen || this.ctx.options.hooks.onDisconnect === undefined) return;
    // Deferred: closing can start inside a publishLocal fan-out loop; the app should not run there.
    queueMicrotask(() =>
      this.scoped(() => {
        try {
          this.ctx.options.hooks.onDisconnect?.(this, reason);
        } catch (err) {
          this.ctx.options.logger.error?.({ err, session: this.id }, 'onDisconnect failed');
        }
      }),
    );
  }

  protected closed(): void {
    this.req = undefined;
    this.ctx.sessionClosed(this);
  }
}
