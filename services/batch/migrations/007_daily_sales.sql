-- The daily-sales job's output: one row per day (in the job's time zone) of the store's sales,
-- made again whole by each run of that day.
create table batch.daily_sales (
  day          date primary key,
  time_zone    text not null,
  orders       integer not null,
  gifts        integer not null,
  refunds      integer not null,
  -- Points of the orders paid that day minus those of the orders refunded that day.
  revenue      bigint not null,
  buyers       integer not null,
  execution_id bigint,
  computed_at  timestamptz not null default now()
);
