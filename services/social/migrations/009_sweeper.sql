-- Housekeeping (services/social/src/housekeeping): what the sweeper needs to find its work
-- without scanning whole tables, and to remove each thing once when several nodes sweep at once.

-- Set when the sweeper takes an image to remove it (an upload never attached, or an image of a
-- deleted post): from then on no post can take it. One a pass took and did not remove (the
-- object store failed) is taken again a few minutes later.
alter table social.post_images add column removing_since timestamptz;
-- Uploads still waiting, oldest first, whoever uploaded them.
create index post_images_stale on social.post_images (created_at) where post_id is null;

-- Set once the images of a deleted post are gone: the post leaves the index of those to sweep.
alter table social.posts add column swept_at timestamptz;
create index posts_unswept on social.posts (deleted_at) where deleted_at is not null and swept_at is null;

-- Notifications by age: every one past the longest retention, and the read ones.
create index notifications_created on social.notifications (created_at);
create index notifications_read_created on social.notifications (created_at) where read_at is not null;
