/**
 * Transport half of a session: frame intake in order (one pending hook at a time, socket paused
 * when too many frames wait), writes with a high-water mark, heart-beat and deadline checks
 * driven by the server's shared timer, and the close path. The STOMP side is in session.ts.
 */
import type { Corked, WriteCoalescer } from './coalescer.ts';
import { encodeFrame, HEARTBEAT_EOL } from './codec.ts';
import type { CoarseClock } from './context.ts';
import { CloseCode } from './errors.ts';
import type { StompFrame, StompVersion } from './frame.ts';
import type { ResolvedOptions } from './options.ts';
import { type FrameSink, StompParser } from './parser.ts';
import type { StompTransport, TransportEvents } from './transport.ts';
import type { DisconnectReason, MessageHeaders } from './types.ts';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

export type ConnectionSettings = Pick<
  ResolvedOptions<unknown>,
  | 'limits'
  | 'maxPendingFrames'
  | 'highWaterMarkBytes'
  | 'connectTimeoutMs'
  | 'closeTimeoutMs'
  | 'maxIdleMs'
  | 'logger'
>;

/** What a connection needs from the server besides settings. */
export interface ConnectionShared {
  readonly clock: CoarseClock;
  readonly coalescer: WriteCoalescer;
}

export abstract class Connection implements FrameSink, Corked, TransportEvents {
  readonly id: string;
  version: StompVersion = '1.2';
  state = CONNECTING;
  protected readonly transport: StompTransport;
  protected readonly parser: StompParser;
  private readonly settings: ConnectionSettings;
  private readonly shared: ConnectionShared;
  private corked = false;
  private busy = false;
  private queue: StompFrame[] | null = null;
  private paused = false;
  /** Draining: frames that arrive are ignored; `drained` resolves once the current one is done. */
  private intakeStopped = false;
  private drained: (() => void) | null = null;
  private sendIntervalMs = 0;
  private silenceLimitMs = 0;
  private lastSentAt: number;
  private lastReceivedAt: number;
  /** CONNECT deadline while connecting, terminate deadline while closing. */
  private deadline: number;

  constructor(transport: StompTransport, settings: ConnectionSettings, shared: ConnectionShared, id: string) {
    this.transport = transport;
    this.settings = settings;
    this.shared = shared;
    this.id = id;
    this.parser = new StompParser(this, settings.limits);
    const now = Date.now();
    this.lastSentAt = now;
    this.lastReceivedAt = now;
    this.deadline = now + settings.connectTimeoutMs;
    transport.listen(this);
  }

  // ---- transport events (TransportEvents) ----------------------------------------------------

  onTransportData(chunk: Buffer): void {
    this.receive(chunk);
  }

  onTransportClose(): void {
    this.socketClosed();
  }

  onTransportError(err: Error): void {
    this.settings.logger.debug?.({ err, session: this.id }, `${this.transport.kind} error`);
  }

  /** Handles one frame; a returned promise holds back the following frames until it settles. */
  protected abstract handle(frame: StompFrame): Promise<void> | undefined;
  /** Routes a failure of `frame` (undefined: the bytes did not parse). */
  abstract fail(err: unknown, frame: StompFrame | undefined): void;
  /** The connection stopped being usable; `wasOpen` if CONNECT had succeeded. */
  protected abstract closing(reason: DisconnectReason, wasOpen: boolean): void;
  /** The socket is gone. */
  protected abstract closed(): void;

  get isOpen(): boolean {
    return this.state === OPEN;
  }

  get bufferedAmount(): number {
    return this.transport.bufferedAmount;
  }

  // ---- intake -------------------------------------------------------------------------------

  private receive(data: Buffer): void {
    this.lastReceivedAt = Date.now();
    if (this.state >= CLOSING || this.intakeStopped) return;
    try {
      this.parser.push(data);
    } catch (err) {
      this.fail(err, undefined);
    }
  }

  onHeartbeat(): void {}

  onFrame(frame: StompFrame): void {
    if (this.state >= CLOSING || this.intakeStopped) return;
    if (!this.busy) {
      this.execute(frame);
      return;
    }
    if (this.queue === null) this.queue = [];
    this.queue.push(frame);
    if (!this.paused && this.queue.length >= this.settings.maxPendingFrames) {
      if (this.transport.pause()) this.paused = true;
      // A transport that cannot stop reading (SockJS): more frames than the limit is a flood.
      else this.fatal('too many frames waiting', CloseCode.POLICY_VIOLATION, 'protocol-error', undefined);
    }
  }

  private execute(frame: StompFrame): void {
    let result: Promise<void> | undefined;
    try {
      result = this.handle(frame);
    } catch (err) {
      this.fail(err, frame);
      return;
    }
    if (result === undefined) return;
    this.busy = true;
    result.then(
      () => this.next(),
      (err: unknown) => {
        this.fail(err, frame);
        this.next();
      },
    );
  }

  private next(): void {
    this.busy = false;
    if (this.intakeStopped) {
      this.drained?.();
      return;
    }
    const queue = this.queue;
    while (queue !== null && queue.length > 0 && !this.busy && this.state < CLOSING) {
      this.execute(queue.shift() as StompFrame);
    }
    if (queue !== null && queue.length === 0) this.queue = null;
    if (this.paused && !this.busy && this.state < CLOSING) {
      this.paused = false;
      this.lastReceivedAt = Date.now();
      this.transport.resume();
    }
  }

  /**
   * Graceful drain: stop reading frames (those not yet started are dropped unanswered, so the
   * client sends them again elsewhere) and resolve once the frame being handled is done and its
   * RECEIPT written. The connection stays open for writes until it is closed.
   */
  stopIntake(): Promise<void> {
    this.intakeStopped = true;
    this.parser.halt();
    this.queue = null;
    if (!this.busy || this.state >= CLOSING) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.drained = resolve;
    });
  }

  /** CONNECT succeeded: switch to OPEN with the negotiated heart-beats. */
  protected markOpen(version: StompVersion, sendIntervalMs: number, silenceLimitMs: number): void {
    this.version = version;
    this.parser.escaping = version !== '1.0';
    this.sendIntervalMs = sendIntervalMs;
    // Heart-beats off: a connection that sends nothing for maxIdleMs is closed all the same.
    this.silenceLimitMs = silenceLimitMs > 0 ? silenceLimitMs : this.settings.maxIdleMs;
    this.state = OPEN;
  }

  // ---- output -------------------------------------------------------------------------------

  /** Writes one encoded frame; cuts the connection off when the outgoing buffer is over the mark. */
  write(data: Buffer, binary: boolean): boolean {
    if (this.state !== OPEN) return false;
    if (!this.corked) {
      this.corked = true;
      this.transport.cork();
      this.shared.coalescer.add(this);
    }
    this.transport.write(data, binary);
    this.lastSentAt = this.shared.clock.now;
    if (this.transport.bufferedAmount > this.settings.highWaterMarkBytes) {
      this.fatal('slow consumer', CloseCode.TRY_AGAIN_LATER, 'slow-consumer', undefined);
    }
    return true;
  }

  /** ERROR frame (echoing the failed frame's receipt), then close. */
  fatal(
    message: string,
    closeCode: number,
    reason: DisconnectReason,
    frame: StompFrame | undefined,
    headers?: MessageHeaders,
  ): void {
    if (this.state >= CLOSING) return;
    const all = { ...headers, message, 'content-type': 'text/plain', 'receipt-id': frame?.headers.receipt };
    const escaping = this.state === OPEN && this.version !== '1.0';
    if (this.transport.writable) {
      this.transport.write(
        encodeFrame({ command: 'ERROR', headers: all, body: message }, { escaping }),
        false,
      );
    }
    this.beginClose(reason, closeCode, message);
  }

  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.transport.uncork();
  }

  // ---- closing ------------------------------------------------------------------------------

  beginClose(reason: DisconnectReason, code: number, text: string, socketGone = false): void {
    if (this.state >= CLOSING) return;
    const wasOpen = this.state === OPEN;
    this.state = CLOSING;
    this.deadline = Date.now() + this.settings.closeTimeoutMs;
    this.parser.halt();
    this.queue = null;
    this.drained?.();
    this.uncork();
    if (!socketGone) {
      if (this.paused) this.transport.resume();
      this.transport.close(code, text);
    }
    this.closing(reason, wasOpen);
  }

  /** Destroys the socket without a close handshake. */
  terminate(): void {
    this.transport.terminate();
  }

  private socketClosed(): void {
    this.beginClose('socket-closed', CloseCode.NORMAL, '', true);
    this.state = CLOSED;
    this.closed();
  }

  /** Called by the shared timer: heart-beats out, silence and deadlines in. */
  tick(now: number, tickMs: number): void {
    if (this.state === OPEN) {
      if (this.sendIntervalMs > 0 && now - this.lastSentAt >= this.sendIntervalMs - tickMs) {
        this.transport.write(HEARTBEAT_EOL, false);
        this.lastSentAt = now;
      }
      if (this.silenceLimitMs > 0 && !this.paused && now - this.lastReceivedAt > this.silenceLimitMs) {
        const what = this.silenceLimitMs === this.settings.maxIdleMs ? 'idle timeout' : 'heart-beat timeout';
        this.fatal(what, CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat-timeout', undefined);
      }
    } else if (this.state === CONNECTING) {
      if (now >= this.deadline)
        this.fatal('CONNECT timeout', CloseCode.POLICY_VIOLATION, 'protocol-error', undefined);
    } else if (this.state === CLOSING && now >= this.deadline) {
      this.terminate();
    }
  }
}
