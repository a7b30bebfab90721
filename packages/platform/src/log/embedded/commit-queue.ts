import { GroupCommit } from '../../batching/group-commit.ts';
import type { SqlDatabase } from '../../ports/sql.ts';

interface Commit {
  topic: string;
  group: string;
  partition: number;
  offset: number;
}

/** Group positions, group-committed: the commits of all partitions land in one statement. */
export class CommitQueue {
  readonly #commit: GroupCommit<Commit, void>;

  constructor(db: SqlDatabase, schema: string) {
    this.#commit = new GroupCommit<Commit, void>(async (items) => {
      const latest = new Map<string, Commit>();
      for (const c of items) {
        const k = `${c.topic}\u0000${c.group}\u0000${c.partition}`;
        if ((latest.get(k)?.offset ?? -1) < c.offset) latest.set(k, c);
      }
      const list = [...latest.values()];
      await db.query(
        `insert into ${schema}.group_offsets (topic, grp, partition, committed)
         select * from unnest($1::text[], $2::text[], $3::int[], $4::int8[])
         on conflict (topic, grp, partition) do update set committed = excluded.committed, updated_at = now()`,
        [
          list.map((c) => c.topic),
          list.map((c) => c.group),
          list.map((c) => c.partition),
          list.map((c) => c.offset),
        ],
      );
      return items.map(() => undefined);
    });
  }

  commit(topic: string, group: string, partition: number, offset: number): Promise<void> {
    return this.#commit.submit({ topic, group, partition, offset });
  }

  idle(): Promise<void> {
    return this.#commit.idle();
  }
}
