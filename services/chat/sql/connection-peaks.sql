-- The SQL of services/chat/src/stats/connection-peaks.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- PEAKS_SQL.record
insert into chat.connection_peaks (quarter, peak) values ($1, $2)
on conflict (quarter) do update set peak = greatest(chat.connection_peaks.peak, excluded.peak);

-- PEAKS_SQL.peak
select max(peak)::int as peak from chat.connection_peaks
 where quarter >= $1 and quarter < $2;

-- PEAKS_SQL.purge
delete from chat.connection_peaks where quarter < $1;
