-- The batch service's schema: each job's schedule state, its executions (the run history), the
-- steps of each execution with their checkpoints, and the log lines of each execution.

-- A row per scheduled job, made when a node first sees the job. `since`: fires before it do not
-- count (not yet deployed, or paused then).
create table batch.schedules (
  job        text primary key,
  paused     boolean not null default false,
  since      timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per run. A fire is claimed by inserting its row: the unique index on (job,
-- scheduled_for) lets one node win across all of them; `lane` keeps one active run per job
-- (the same lane for every run of a job that may not overlap).
create table batch.executions (
  id            bigserial primary key,
  job           text not null,
  trigger       text not null check (trigger in ('schedule', 'missed', 'manual')),
  scheduled_for timestamptz,
  params        jsonb not null default '{}',
  status        text not null check (status in ('queued', 'running', 'completed', 'failed', 'skipped')),
  lane          text not null default '',
  attempt       integer not null default 1,
  not_before    timestamptz not null default now(),
  created_at    timestamptz not null default now(),
  started_at    timestamptz,
  ended_at      timestamptz,
  owner         text,
  lease_until   timestamptz,
  read_count    bigint not null default 0,
  write_count   bigint not null default 0,
  skip_count    bigint not null default 0,
  error         text,
  requested_by  bigint
);
create unique index executions_fire on batch.executions (job, scheduled_for) where scheduled_for is not null;
create unique index executions_active on batch.executions (job, lane) where status in ('queued', 'running');
create index executions_by_job on batch.executions (job, id desc);
create index executions_claimable on batch.executions (not_before) where status in ('queued', 'running');

-- The steps of an execution, in order; a chunked step's checkpoint (where its reader resumes)
-- is committed with each chunk's writes.
create table batch.steps (
  execution_id bigint not null references batch.executions (id) on delete cascade,
  position     integer not null,
  name         text not null,
  status       text not null check (status in ('running', 'completed', 'failed')),
  checkpoint   jsonb,
  read_count   bigint not null default 0,
  write_count  bigint not null default 0,
  skip_count   bigint not null default 0,
  done         bigint not null default 0,
  total        bigint,
  started_at   timestamptz not null default now(),
  ended_at     timestamptz,
  primary key (execution_id, position)
);

create table batch.logs (
  id           bigserial primary key,
  execution_id bigint not null references batch.executions (id) on delete cascade,
  at           timestamptz not null default now(),
  level        text not null check (level in ('info', 'warn', 'error')),
  step         text,
  message      text not null
);
create index logs_by_execution on batch.logs (execution_id, id);
