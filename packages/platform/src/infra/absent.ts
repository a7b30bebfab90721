import { Errors } from '../errors/app-error.ts';
import type { EventLog } from '../ports/event-log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { SqlDatabase } from '../ports/sql.ts';

// A process that runs only the gateway keeps no data: it opens no database, no event log and no object storage
// (no DATA_DIR to write, which a read-only container filesystem would refuse, nothing to boot).
// These stand in for them: healthy, and refusing every call with 503 in the contract's shape
// (the admin routes that read the log answer that on such a process).

const refused = (what: string) => async (): Promise<never> => {
  throw Errors.unavailable(`This process keeps no ${what}: it runs only the gateway`);
};

const healthy = async () => ({ status: 'UP' as const, details: { adapter: 'none' } });

export function absentDatabase(): SqlDatabase {
  return {
    adapter: 'none',
    query: refused('database'),
    exec: refused('database'),
    transaction: refused('database'),
    health: healthy,
    close: async () => {},
  };
}

export function absentEventLog(): EventLog {
  return {
    adapter: 'none',
    ensureTopic: refused('event log'),
    append: refused('event log'),
    consume: refused('event log'),
    lag: refused('event log'),
    deadLetters: refused('event log'),
    deadLetterGroups: refused('event log'),
    redrive: refused('event log'),
    health: healthy,
    close: async () => {},
  };
}

export function absentObjectStore(): ObjectStore {
  return {
    adapter: 'none',
    put: refused('object storage'),
    get: refused('object storage'),
    head: refused('object storage'),
    delete: refused('object storage'),
    health: healthy,
    close: async () => {},
  };
}
