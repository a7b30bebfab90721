import type { SqlDatabase } from '@chat/platform';
import { EXPORT_SQL } from './export.queries.ts';

export interface ExportRoomRow {
  id: number;
  type: string;
  name: string | null;
  role: string;
  joined_at: Date;
  member_count: number;
  closed_at: Date | null;
}

export interface ExportMessageRow {
  id: number;
  room_id: number;
  seq: number;
  type: string;
  content: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  reply_to_id: number | null;
}

/** My rooms and my messages, page by page in id order (the export streams them). */
export function createExportRepository(db: SqlDatabase) {
  async function* pages<T extends { id: number }>(sql: string, userId: number, pageSize: number) {
    let after = 0;
    for (;;) {
      const { rows } = await db.query<T>(sql, [userId, after, pageSize]);
      if (rows.length > 0) yield rows;
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = last.id;
    }
  }
  return {
    rooms: (userId: number, pageSize: number) => pages<ExportRoomRow>(EXPORT_SQL.rooms, userId, pageSize),
    messages: (userId: number, pageSize: number) =>
      pages<ExportMessageRow>(EXPORT_SQL.messages, userId, pageSize),
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
