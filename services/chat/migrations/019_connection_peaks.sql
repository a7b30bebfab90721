-- The most STOMP connections open at once across all chat nodes, per quarter hour (UTC): the
-- batch service's daily statistics take a day's peak from the quarters of that day in its time
-- zone (every zone's offset is a whole number of quarter hours, Nepal's +5:45 included).
create table if not exists chat.connection_peaks (
  quarter timestamptz primary key,
  peak    integer not null
);
