-- The day's peak of STOMP connections open at once across all chat nodes (null: not computed).
alter table batch.daily_stats add column if not exists peak_connections integer;
