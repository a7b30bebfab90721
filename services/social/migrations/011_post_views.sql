-- Counted views of posts per UTC day (schema social). Views are not events on the log (they
-- would flood it); these counts are what a rebuilt popular-posts ranking adds for them. A view
-- counts once per viewer, post and day (decided in the shared cache before it is added here).
-- The sweeper deletes days older than the rebuild window.
create table social.post_view_days (
  post_id bigint not null references social.posts (id),
  day date not null,
  views integer not null check (views > 0),
  primary key (post_id, day)
);
create index post_view_days_day on social.post_view_days (day);
