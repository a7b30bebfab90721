/**
 * The SQL of batch.repository.ts: batch.schedules, executions, steps and logs. Parameters are
 * always bound ($1, ...). Snapshot: services/batch/sql/batch.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const BATCH_SQL = {
  /** $1 jobs: a schedule row for each job not seen before (fires count from now on). */
  ensureSchedules: `
    insert into batch.schedules (job) select unnest($1::text[])
    on conflict (job) do nothing`,

  schedules: 'select job, paused, since from batch.schedules',

  /** $1 job, $2 paused: resuming moves `since`, so fires during the pause are not "missed". */
  setPaused: `
    update batch.schedules
       set paused = $2,
           since = case when paused and not $2 then now() else since end,
           updated_at = now()
     where job = $1
    returning job, paused, since`,

  /**
   * $1 job, $2 trigger, $3 scheduled_for, $4 params, $5 lane, $6 requested_by: a queued run,
   * or no row when that fire is claimed already or the job's lane has an active run.
   */
  enqueue: `
    insert into batch.executions (job, trigger, scheduled_for, params, status, lane, requested_by)
    values ($1, $2, $3, $4::jsonb, 'queued', $5, $6)
    on conflict do nothing
    returning *`,

  /** $1 job, $2 trigger, $3 scheduled_for, $4 params, $5 error: a fire recorded as skipped. */
  recordSkipped: `
    insert into batch.executions (job, trigger, scheduled_for, params, status, error, started_at, ended_at)
    values ($1, $2, $3, $4::jsonb, 'skipped', $5, now(), now())
    on conflict do nothing
    returning id`,

  /** $1 job, $2 scheduled_for. */
  fireRecorded: 'select id from batch.executions where job = $1 and scheduled_for = $2',

  /** $1 job, $2 lane: its active run. */
  activeRun: `
    select id from batch.executions
     where job = $1 and lane = $2 and status in ('queued', 'running')`,

  /**
   * $1 owner (a token of this claim), $2 lease (ms), $3 jobs this node knows, $4 runs this node
   * is running now: takes one run that is queued and due, or running under a lease that ran out
   * (its node died; a takeover is counted), and leases it to $1.
   */
  claim: `
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
    returning e.*, c.status as was, c.previous_owner`,

  /** $1 id, $2 owner, $3 lease (ms): false when the lease is no longer $2's. */
  renew: `
    update batch.executions
       set lease_until = now() + make_interval(secs => $3::double precision / 1000)
     where id = $1 and owner = $2 and status = 'running'
    returning id`,

  /** $1 id, $2 owner: locks the run while a chunk commits; no row when $2 lost it. */
  fence: `
    select id from batch.executions
     where id = $1 and owner = $2 and status = 'running' and lease_until > now()
       for update`,

  /** $1 id. */
  steps: 'select * from batch.steps where execution_id = $1 order by position',

  /** $1 id, $2 position, $3 name, $4 total. */
  startStep: `
    insert into batch.steps (execution_id, position, name, status, total)
    values ($1, $2, $3, 'running', $4)
    on conflict (execution_id, position)
      do update set status = 'running', ended_at = null
    returning *`,

  /**
   * $1 id, $2 position, $3 checkpoint, $4 read, $5 written, $6 skipped: a chunk committed
   * (the step's and the run's counts move by as much).
   */
  commitChunk: `
    with s as (
      update batch.steps
         set checkpoint = $3::jsonb,
             read_count = read_count + $4, write_count = write_count + $5,
             skip_count = skip_count + $6, done = done + $4
       where execution_id = $1 and position = $2
      returning execution_id)
    update batch.executions
       set read_count = read_count + $4, write_count = write_count + $5, skip_count = skip_count + $6
     where id = (select execution_id from s)`,

  /**
   * $1 id, $2 position, $3 status, $4 owner: only while $4 holds the run, and never undoing a
   * completed step (a node that lost the run must not touch what the next one did).
   */
  endStep: `
    update batch.steps set status = $3, ended_at = now()
     where execution_id = $1 and position = $2 and status <> 'completed'
       and exists (select 1 from batch.executions
                    where id = $1 and owner = $4 and status = 'running')`,

  /** $1 id, $2 owner, $3 status, $4 error: the run's end, if $2 still holds it. */
  finish: `
    update batch.executions
       set status = $3, error = $4, ended_at = now(), owner = null, lease_until = null
     where id = $1 and owner = $2 and status = 'running'
    returning *`,

  /** $1 id, $2 owner, $3 error, $4 backoff (ms): queued again for its next attempt. */
  retryLater: `
    update batch.executions
       set status = 'queued', error = $3, attempt = attempt + 1, owner = null, lease_until = null,
           not_before = now() + make_interval(secs => $4::double precision / 1000)
     where id = $1 and owner = $2 and status = 'running'
    returning *`,

  /** $1 id, $2 owner: given back unfinished (the node stops); another node resumes it. */
  release: `
    update batch.executions set status = 'queued', owner = null, lease_until = null
     where id = $1 and owner = $2 and status = 'running'`,

  /** $1 id, $2 level, $3 step, $4 message. */
  log: 'insert into batch.logs (execution_id, level, step, message) values ($1, $2, $3, $4)',

  /** $1 id. */
  execution: 'select * from batch.executions where id = $1',

  /**
   * $1 job (null: any), $2 status (null: any), $3 from, $4 to (created_at, null: open), $5 before
   * id (null: newest), $6 limit: newest first.
   */
  executions: `
    select * from batch.executions
     where ($1::text is null or job = $1)
       and ($2::text is null or status = $2)
       and ($3::timestamptz is null or created_at >= $3)
       and ($4::timestamptz is null or created_at < $4)
       and ($5::bigint is null or id < $5)
     order by id desc
     limit $6`,

  /** $1 jobs: each job's latest run, and its latest completed one. */
  lastRuns: `
    select j.job,
           (select row_to_json(e) from batch.executions e
             where e.job = j.job and e.status <> 'skipped' order by e.id desc limit 1) as last,
           (select max(ended_at) from batch.executions e
             where e.job = j.job and e.status = 'completed') as last_success
      from unnest($1::text[]) as j(job)`,

  /** $1 id, $2 after log id, $3 limit. */
  logs: `
    select id, at, level, step, message from batch.logs
     where execution_id = $1 and id > $2
     order by id
     limit $3`,

  /**
   * $1 older than: ended runs and their steps and logs (cascade); the count. Each job's latest
   * fire stays, however old: it is what tells a restarted node that fire was run.
   */
  deleteEndedBefore: `
    with gone as (
      delete from batch.executions e
       where e.status in ('completed', 'failed', 'skipped') and e.ended_at < $1
         and (e.scheduled_for is null
              or e.scheduled_for < (select max(l.scheduled_for) from batch.executions l where l.job = e.job))
      returning 1)
    select count(*)::int as deleted from gone`,
} as const;
