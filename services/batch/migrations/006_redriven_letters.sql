-- Dead letters the dead-letter-sweep job re-drove, by fingerprint (topic, group, key and a hash
-- of the value): one that comes back after its re-drive failed again, so its cause is not an
-- outage that passed; the sweep reports it and leaves it to a person.
create table batch.redriven_letters (
  fingerprint  text primary key,
  topic        text not null,
  grp          text not null,
  redriven_at  timestamptz not null default now(),
  execution_id bigint
);
create index redriven_letters_at on batch.redriven_letters (redriven_at);
