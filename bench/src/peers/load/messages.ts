import type { Protocol, RoomSpec } from '../targets/target.ts';

/** What the bench tells a load worker (one child process among several). */
export type ToWorker =
  /** Connect every member of these rooms once and join its room; answers `ready`. */
  | { type: 'init'; protocol: Protocol; urls: string[]; rooms: RoomSpec[] }
  /** Send at `rate` msg/s from `startAt` (epoch ms), measure after the warm-up; answers `step`. */
  | { type: 'step'; rate: number; startAt: number; warmupMs: number; measureMs: number; drainMs: number }
  /** Open `count` more connections (connect, authenticate, join), `concurrency` at a time,
   * from `startAt`; `keep` holds them (idle connections), otherwise they close; answers `opened`. */
  | {
      type: 'open';
      protocol: Protocol;
      urls: string[];
      rooms: RoomSpec[];
      count: number;
      concurrency: number;
      startAt: number;
      keep: boolean;
    }
  | { type: 'close' };

export interface StepReport {
  type: 'step';
  /** The measured window as it ran, ms (a busy event loop makes it longer than asked). */
  windowMs: number;
  /** Messages sent, acknowledgements and deliveries that arrived, in the window. */
  sent: number;
  acks: number;
  deliveries: number;
  errors: number;
  /** Connections that closed during the step (a server cutting off a slow reader, a crash). */
  closed: number;
  /** Messages still without an acknowledgement when the drain ended. */
  outstanding: number;
  deliver: [number, number][];
  ack: [number, number][];
  /** CPU this worker used in the measured window, seconds. */
  cpuSeconds: number;
}

export type FromWorker =
  | { type: 'ready'; connected: number; failed: number }
  | StepReport
  | { type: 'opened'; connected: number; failed: number; ms: number; firstError?: string };
