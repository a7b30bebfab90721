import type { ConsumeOptions, EventLog } from '../../src/ports/event-log.ts';

/** Storage for one test; `open()` gives another instance ("node") on that same storage. */
export interface EventLogFixture {
  open(): Promise<EventLog>;
  /** Closes every instance it opened and deletes the storage. */
  cleanup(): Promise<void>;
}

/** Declares one contract test: a fresh fixture, its first instance and a topic name. */
export type ContractCase = (
  title: string,
  fn: (log: EventLog, fx: EventLogFixture, topic: string) => Promise<void>,
) => void;

/** Short backoffs so retries take milliseconds. */
export const fast: ConsumeOptions = { initialBackoffMs: 2, maxBackoffMs: 10, maxAttempts: 3 };

export const rec = (key: string, value: string, id?: string) => ({ key, value, ...(id ? { id } : {}) });

export const totalLag = async (log: EventLog, topic: string, group: string): Promise<number> =>
  (await log.lag(topic, group)).reduce((n, p) => n + p.lag, 0);
