/** Client frame handling per command. Returns a promise while an application hook is pending. */

import { CONNECTING } from './connection.ts';
import { CloseCode, StompError, StompProtocolError, StompServerErrorCode } from './errors.ts';
import type { StompFrame, StompHeaders } from './frame.ts';
import { type HeartbeatPlan, negotiateHeartbeat, negotiateVersion } from './negotiate.ts';
import type { Session } from './session.ts';
import type { AckMode, SendContext } from './types.ts';

const NO_HEARTBEAT: HeartbeatPlan = { sendMs: 0, receiveMs: 0 };
const ACK_MODES: ReadonlySet<string> = new Set<AckMode>(['auto', 'client', 'client-individual']);
const NO_RECEIPT: SendContext = Object.freeze({ receipt: undefined, deferReceipt: () => undefined });

class ReceiptControl implements SendContext {
  readonly receipt: string;
  deferred = false;

  constructor(receipt: string) {
    this.receipt = receipt;
  }

  deferReceipt(): string {
    this.deferred = true;
    return this.receipt;
  }
}

function isPromise(value: unknown): value is Promise<void> {
  return typeof (value as Promise<void> | undefined)?.then === 'function';
}

function required(frame: StompFrame, name: string): string {
  const value = frame.headers[name];
  if (value === undefined || value === '') {
    throw new StompProtocolError(`${frame.command} requires a ${name} header`);
  }
  return value;
}

/** Runs `after` once `result` settles successfully (synchronously when there was no promise). */
function then(result: Promise<void> | void, after: () => void): Promise<void> | undefined {
  if (isPromise(result)) return result.then(after);
  after();
  return undefined;
}

export function handleFrame<P>(session: Session<P>, frame: StompFrame): Promise<void> | undefined {
  if (session.state === CONNECTING) {
    if (frame.command === 'CONNECT' || frame.command === 'STOMP') return connect(session, frame);
    throw new StompProtocolError(`expected CONNECT, got ${frame.command}`);
  }
  switch (frame.command) {
    case 'SEND':
      return send(session, frame);
    case 'SUBSCRIBE':
      return subscribe(session, frame);
    case 'UNSUBSCRIBE':
      return unsubscribe(session, frame);
    case 'ACK':
    case 'NACK':
      // Subscriptions are delivered at most once; acknowledgements are accepted and ignored.
      required(frame, session.version === '1.2' ? 'id' : 'message-id');
      return receipt(session, frame.headers);
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
      throw new StompProtocolError('transactions are not supported');
    case 'DISCONNECT':
      receipt(session, frame.headers);
      session.beginClose('client-disconnect', CloseCode.NORMAL, 'disconnect');
      return undefined;
    case 'CONNECT':
    case 'STOMP':
      throw new StompProtocolError('already connected');
    default:
      throw new StompProtocolError(`${frame.command} is a server frame`);
  }
}

function receipt<P>(session: Session<P>, headers: StompHeaders): undefined {
  const id = headers.receipt;
  if (id !== undefined) session.sendReceipt(id);
  return undefined;
}

function connect<P>(session: Session<P>, frame: StompFrame): Promise<void> | undefined {
  const { options } = session.ctx;
  const version = negotiateVersion(frame.headers['accept-version'], options.versions);
  if (version === null) {
    const supported = options.versions.join(',');
    session.fatal(
      `unsupported STOMP version (supported: ${supported})`,
      CloseCode.PROTOCOL_ERROR,
      'protocol-error',
      frame,
      {
        version: supported,
      },
    );
    return undefined;
  }
  const plan =
    version === '1.0'
      ? NO_HEARTBEAT
      : negotiateHeartbeat(
          frame.headers['heart-beat'],
          options.heartbeatOutgoingMs,
          options.heartbeatIncomingMs,
        );
  const req = session.takeRequest();
  return (async () => options.hooks.authenticate(frame, req))().then(
    (principal) => session.open(principal, version, plan),
    (err: unknown) => {
      if (err instanceof StompError) {
        session.fatal(err.message, err.closeCode, 'app-error', frame);
        return;
      }
      options.logger.warn?.({ err, session: session.id }, 'STOMP authenticate failed');
      session.fatal('authentication failed', CloseCode.POLICY_VIOLATION, 'app-error', frame);
    },
  );
}

function send<P>(session: Session<P>, frame: StompFrame): Promise<void> | undefined {
  const destination = required(frame, 'destination');
  if (frame.headers.transaction !== undefined) throw new StompProtocolError('transactions are not supported');
  const { hooks } = session.ctx.options;
  const id = frame.headers.receipt;
  if (hooks.onSend === undefined) return receipt(session, frame.headers);
  const ctx = id === undefined ? NO_RECEIPT : new ReceiptControl(id);
  const result = hooks.onSend(session, destination, frame.body, frame.headers, ctx);
  return then(result, () => {
    if (id !== undefined && !(ctx as ReceiptControl).deferred) session.sendReceipt(id);
  });
}

function subscribe<P>(session: Session<P>, frame: StompFrame): Promise<void> | undefined {
  const { options } = session.ctx;
  const destination = required(frame, 'destination');
  const id = session.version === '1.0' ? (frame.headers.id ?? destination) : required(frame, 'id');
  const ack = frame.headers.ack ?? 'auto';
  if (!ACK_MODES.has(ack)) throw new StompProtocolError(`invalid ack mode: ${JSON.stringify(ack)}`);
  if (session.subscription(id) !== undefined)
    throw new StompProtocolError(`duplicate subscription id: ${id}`);
  const existing = session.subscriptionTo(destination);
  if (existing !== undefined) {
    throw new StompError(
      StompServerErrorCode.DUPLICATE_SUBSCRIPTION,
      `already subscribed to ${destination} (subscription ${existing.id})`,
      { details: { destination, subscription: existing.id } },
    );
  }
  if (session.subscriptionCount >= options.maxSubscriptionsPerSession) {
    throw new StompError(
      StompServerErrorCode.TOO_MANY_SUBSCRIPTIONS,
      `at most ${options.maxSubscriptionsPerSession} subscriptions`,
    );
  }
  const result = options.hooks.onSubscribe?.(session, destination, id, frame.headers);
  return then(result, () => {
    if (!session.isOpen || session.subscription(id) !== undefined) return;
    session.addSubscription(id, destination, ack as AckMode);
    receipt(session, frame.headers);
  });
}

function unsubscribe<P>(session: Session<P>, frame: StompFrame): undefined {
  const id =
    session.version === '1.0' ? (frame.headers.id ?? required(frame, 'destination')) : required(frame, 'id');
  session.unsubscribe(id);
  return receipt(session, frame.headers);
}
