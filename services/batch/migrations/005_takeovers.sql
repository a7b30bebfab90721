-- How many times another node took a run over after its node stopped renewing the lease (died):
-- a run that keeps killing its node fails after a few, instead of crash-looping every node.
alter table batch.executions add column if not exists takeovers integer not null default 0;
