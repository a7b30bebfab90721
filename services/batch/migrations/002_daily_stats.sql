-- The daily-statistics job's output: one row per day (in the job's time zone), and who was
-- active each day (DAU, and WAU/MAU over the days before). Written chunk by chunk with the
-- job's checkpoints, so a resumed run neither loses nor counts a chunk twice.
create table batch.daily_stats (
  day             date primary key,
  time_zone       text not null,
  messages_direct bigint not null default 0,
  messages_group  bigint not null default 0,
  active_users    integer,
  weekly_active   integer,
  monthly_active  integer,
  signups         integer,
  rooms_created   integer,
  execution_id    bigint,
  computed_at     timestamptz
);

-- Users who sent a message on a day.
create table batch.daily_active_users (
  day     date not null,
  user_id bigint not null,
  primary key (day, user_id)
);
