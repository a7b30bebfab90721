-- The SQL of services/batch/src/store/batch.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- BATCH_SQL.ensureSchedules
insert into batch.schedules (job) select unnest($1::text[])
on conflict (job) do nothing;

-- BATCH_SQL.schedules
select job, paused, since from batch.schedules;

-- BATCH_SQL.setPaused
update batch.schedules
   set paused = $2,
       since = case when paused and not $2 then now() else since end,
       updated_at = now()
 where job = $1
returning job, paused, since;

-- BATCH_SQL.enqueue
insert into batch.executions (job, trigger, scheduled_for, params, status, lane, requested_by)
values ($1, $2, $3, $4::jsonb, 'queued', $5, $6)
on conflict do nothing
returning *;

-- BATCH_SQL.recordSkipped
insert into batch.executions (job, trigger, scheduled_for, params, status, error, started_at, ended_at)
values ($1, $2, $3, $4::jsonb, 'skipped', $5, now(), now())
on conflict do nothing
returning id;

-- BATCH_SQL.fireRecorded
select id from batch.executions where job = $1 and scheduled_for = $2;

-- BATCH_SQL.activeRun
select id from batch.executions
 where job = $1 and lane = $2 and status in ('queued', 'running');

-- BATCH_SQL.claim
update batch.executions e
   set status = 'running',
       owner = $1,
       lease_until = now() + make_interval(secs => $2::double precision / 1000),
       started_at = coalesce(e.started_at, now()),
       takeovers = e.takeovers + case when c.status = 'running' then 1 else 0 end
  from (select id, status, owner as previous_owner from batch.executions
         where job = any($3::text[])
           and not (id = any($4::bigint[]))
           and ((status = 'queued' and not_before <= now())
             or (status = 'running' and lease_until < now()))
         order by not_before, id
         limit 1
         for update skip locked) c
 where e.id = c.id
returning e.*, c.status as was, c.previous_owner;

-- BATCH_SQL.renew
update batch.executions
   set lease_until = now() + make_interval(secs => $3::double precision / 1000)
 where id = $1 and owner = $2 and status = 'running'
returning id;

-- BATCH_SQL.fence
select id from batch.executions
 where id = $1 and owner = $2 and status = 'running' and lease_until > now()
   for update;

-- BATCH_SQL.steps
select * from batch.steps where execution_id = $1 order by position;

-- BATCH_SQL.startStep
insert into batch.steps (execution_id, position, name, status, total)
values ($1, $2, $3, 'running', $4)
on conflict (execution_id, position)
  do update set status = 'running', ended_at = null
returning *;

-- BATCH_SQL.commitChunk
with s as (
  update batch.steps
     set checkpoint = $3::jsonb,
         read_count = read_count + $4, write_count = write_count + $5,
         skip_count = skip_count + $6, done = done + $4
   where execution_id = $1 and position = $2
  returning execution_id)
update batch.executions
   set read_count = read_count + $4, write_count = write_count + $5, skip_count = skip_count + $6
 where id = (select execution_id from s);

-- BATCH_SQL.endStep
update batch.steps set status = $3, ended_at = now()
 where execution_id = $1 and position = $2 and status <> 'completed'
   and exists (select 1 from batch.executions
                where id = $1 and owner = $4 and status = 'running');

-- BATCH_SQL.finish
update batch.executions
   set status = $3, error = $4, ended_at = now(), owner = null, lease_until = null
 where id = $1 and owner = $2 and status = 'running'
returning *;

-- BATCH_SQL.retryLater
update batch.executions
   set status = 'queued', error = $3, attempt = attempt + 1, owner = null, lease_until = null,
       not_before = now() + make_interval(secs => $4::double precision / 1000)
 where id = $1 and owner = $2 and status = 'running'
returning *;

-- BATCH_SQL.release
update batch.executions set status = 'queued', owner = null, lease_until = null
 where id = $1 and owner = $2 and status = 'running';

-- BATCH_SQL.log
insert into batch.logs (execution_id, level, step, message) values ($1, $2, $3, $4);

-- BATCH_SQL.execution
select * from batch.executions where id = $1;

-- BATCH_SQL.executions
select * from batch.executions
 where ($1::text is null or job = $1)
   and ($2::text is null or status = $2)
   and ($3::timestamptz is null or created_at >= $3)
   and ($4::timestamptz is null or created_at < $4)
   and ($5::bigint is null or id < $5)
 order by id desc
 limit $6;

-- BATCH_SQL.lastRuns
select j.job,
       (select row_to_json(e) from batch.executions e
         where e.job = j.job and e.status <> 'skipped' order by e.id desc limit 1) as last,
       (select max(ended_at) from batch.executions e
         where e.job = j.job and e.status = 'completed') as last_success
  from unnest($1::text[]) as j(job);

-- BATCH_SQL.logs
select id, at, level, step, message from batch.logs
 where execution_id = $1 and id > $2
 order by id
 limit $3;

-- BATCH_SQL.deleteEndedBefore
with gone as (
  delete from batch.executions e
   where e.status in ('completed', 'failed', 'skipped') and e.ended_at < $1
     and (e.scheduled_for is null
          or e.scheduled_for < (select max(l.scheduled_for) from batch.executions l where l.job = e.job))
  returning 1)
select count(*)::int as deleted from gone;
