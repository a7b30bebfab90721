/**
 * The SQL of connection-peaks.ts. Parameters are always bound. Snapshot:
 * services/chat/sql/connection-peaks.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const PEAKS_SQL = {
  /** $1 quarter hour, $2 connections open now (all nodes): the quarter's peak rises to it. */
  record: `
    insert into chat.connection_peaks (quarter, peak) values ($1, $2)
    on conflict (quarter) do update set peak = greatest(chat.connection_peaks.peak, excluded.peak)`,

  /** $1 from, $2 to: the highest peak of the quarters in [from, to). */
  peak: `
    select max(peak)::int as peak from chat.connection_peaks
     where quarter >= $1 and quarter < $2`,

  /** $1 before: quarters older than that. */
  purge: 'delete from chat.connection_peaks where quarter < $1',
} as const;
