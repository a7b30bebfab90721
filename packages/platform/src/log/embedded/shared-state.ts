import type { SqlDatabase } from '../../ports/sql.ts';
import { LocalAssignments } from '../local-assigner.ts';
import { Wakeup } from '../wait.ts';
import { AppendQueue } from './append-queue.ts';
import { CommitQueue } from './commit-queue.ts';
import { TailCache } from './tail-cache.ts';

/**
 * What every embedded log instance on one database and schema in this process shares: one
 * writer (so appends and commits are batched together), the newest records, wake-ups and
 * group membership.
 */
export interface EmbeddedShared {
  readonly appends: AppendQueue;
  readonly commits: CommitQueue;
  readonly tail: TailCache;
  readonly assignments: LocalAssignments;
  /** The wake-up of a partition: notified after records were appended to it. */
  wakeup(topic: string, partition: number): Wakeup;
}

const byDb = new WeakMap<SqlDatabase, Map<string, EmbeddedShared>>();

/** The shared state of `db` + `schema`; the first caller's de-duplication window applies. */
export function sharedState(db: SqlDatabase, schema: string, dedupWindowMs: number): EmbeddedShared {
  let schemas = byDb.get(db);
  if (!schemas) {
    schemas = new Map();
    byDb.set(db, schemas);
  }
  const existing = schemas.get(schema);
  if (existing) return existing;
  const wakeups = new Map<string, Wakeup>();
  const wakeup = (topic: string, partition: number): Wakeup => {
    const k = `${partition}\u0000${topic}`;
    let w = wakeups.get(k);
    if (!w) {
      w = new Wakeup();
      wakeups.set(k, w);
    }
    return w;
  };
  const tail = new TailCache();
  const shared: EmbeddedShared = {
    appends: new AppendQueue({
      db,
      schema,
      dedupWindowMs,
      onStored(records) {
        tail.add(records);
        const touched = new Set(records.map((r) => `${r.partition}\u0000${r.topic}`));
        for (const k of touched) wakeups.get(k)?.notify();
      },
    }),
    commits: new CommitQueue(db, schema),
    tail,
    assignments: new LocalAssignments(),
    wakeup,
  };
  schemas.set(schema, shared);
  return shared;
}
