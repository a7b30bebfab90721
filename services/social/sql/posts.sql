-- The SQL of services/social/src/posts/posts.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- COMMENTS_SQL.insert
insert into social.comments as c (post_id, parent_id, author_id, text, mentions)
values ($1, $2, $3, $4, $5::bigint[])
returning c.id, c.post_id, c.parent_id, c.author_id, c.text, c.mentions, c.created_at;

-- COMMENTS_SQL.find
select c.id, c.post_id, c.parent_id, c.author_id, c.text, c.mentions, c.created_at from social.comments c where c.post_id = $1 and c.id = $2 and c.deleted_at is null;

-- COMMENTS_SQL.topLevel
select c.id, c.post_id, c.parent_id, c.author_id, c.text, c.mentions, c.created_at from social.comments c
 where c.post_id = $1 and c.parent_id is null and c.deleted_at is null
   and ($2::bigint is null or c.id > $2)
 order by c.id limit $3;

-- COMMENTS_SQL.replies
select c.id, c.post_id, c.parent_id, c.author_id, c.text, c.mentions, c.created_at from social.comments c
 where c.post_id = $1 and c.parent_id = $2 and c.deleted_at is null
   and ($3::bigint is null or c.id > $3)
 order by c.id limit $4;

-- COMMENTS_SQL.replyCounts
select c.parent_id, count(*)::int as n from social.comments c
 where c.post_id = $1 and c.parent_id = any($2::bigint[]) and c.deleted_at is null
 group by c.parent_id;

-- COMMENTS_SQL.softDelete
update social.comments set deleted_at = now()
 where post_id = $1 and (id = $2 or parent_id = $2) and deleted_at is null
returning id;

-- POSTS_SQL.insert
insert into social.posts as p (author_id, text, visibility, tags, mentions)
values ($1, $2, $3, $4::text[], $5::bigint[])
returning p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at;

-- POSTS_SQL.find
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p where p.id = $1 and p.deleted_at is null;

-- POSTS_SQL.findForShare
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p where p.id = $1 and p.deleted_at is null for share;

-- POSTS_SQL.findForUpdate
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p where p.id = $1 and p.deleted_at is null for update;

-- POSTS_SQL.update
update social.posts p
   set text = $2, visibility = $3, tags = $4::text[], mentions = $5::bigint[], edited_at = now()
 where p.id = $1 and p.deleted_at is null
returning p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at;

-- POSTS_SQL.softDelete
update social.posts set deleted_at = now() where id = $1 and deleted_at is null returning id;

-- POSTS_SQL.deleteTags
delete from social.post_tags where post_id = $1;

-- POSTS_SQL.insertTags
insert into social.post_tags (tag, post_id)
select distinct t, $1::bigint from unnest($2::text[]) as t
on conflict do nothing;

-- POSTS_SQL.feed
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from (
  select x.id from (
    select followee_id as author_id from social.follows where follower_id = $1
    union all
    select $1::bigint
  ) as a
  cross join lateral (
    select q.id from social.posts q
     where q.author_id = a.author_id and q.deleted_at is null
       and ($2::bigint is null or q.id < $2)
       and (q.author_id = $1 or q.visibility <> 'PRIVATE')
     order by q.id desc
     limit $3
  ) as x
  order by x.id desc
  limit $3
) as top
join social.posts p on p.id = top.id
order by p.id desc;

-- POSTS_SQL.byAuthor
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p
 where p.author_id = $1 and p.deleted_at is null and p.visibility = any($2::text[])
   and ($3::bigint is null or p.id < $3)
 order by p.id desc limit $4;

-- POSTS_SQL.countByAuthor
select count(*)::int as n from social.posts p
 where p.author_id = $1 and p.deleted_at is null and p.visibility = any($2::text[]);

-- POSTS_SQL.byTag
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.post_tags t
  join social.posts p on p.id = t.post_id
 where t.tag = $1 and ($3::bigint is null or t.post_id < $3) and p.deleted_at is null
   and (
  p.author_id = $2
  or ((p.visibility = 'PUBLIC'
       and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
      or (p.visibility <> 'PRIVATE'
          and exists (select 1 from social.follows f where f.follower_id = $2 and f.followee_id = p.author_id)))
     and not exists (select 1 from social.blocks b
                      where b.blocked
                        and ((b.blocker_id = p.author_id and b.blocked_id = $2)
                          or (b.blocker_id = $2 and b.blocked_id = p.author_id))))
 order by t.post_id desc limit $4;

-- POSTS_SQL.searchRecent
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from (
  select q.* from social.posts q
   where q.deleted_at is null and ($3::bigint is null or q.id < $3)
   order by q.id desc limit $5
) as p
 where p.text ilike $1 escape '\'
   and (
  p.author_id = $2
  or ((p.visibility = 'PUBLIC'
       and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
      or (p.visibility <> 'PRIVATE'
          and exists (select 1 from social.follows f where f.follower_id = $2 and f.followee_id = p.author_id)))
     and not exists (select 1 from social.blocks b
                      where b.blocked
                        and ((b.blocker_id = p.author_id and b.blocked_id = $2)
                          or (b.blocker_id = $2 and b.blocked_id = p.author_id))))
 order by p.id desc limit $4;

-- POSTS_SQL.searchIndexed
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p
 where array_to_tsvector(social.search_pairs(p.text)) @@ social.search_query($1)
   and p.deleted_at is null and p.text ilike $1 escape '\'
   and ($3::bigint is null or p.id < $3)
   and (
  p.author_id = $2
  or ((p.visibility = 'PUBLIC'
       and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
      or (p.visibility <> 'PRIVATE'
          and exists (select 1 from social.follows f where f.follower_id = $2 and f.followee_id = p.author_id)))
     and not exists (select 1 from social.blocks b
                      where b.blocked
                        and ((b.blocker_id = p.author_id and b.blocked_id = $2)
                          or (b.blocker_id = $2 and b.blocked_id = p.author_id))))
 order by p.id + 0 desc limit $4;

-- POSTS_SQL.extras
select x.id,
       (select count(*) from social.comments c
         where c.post_id = x.id and c.deleted_at is null)::int as comments,
       (select r.kind from social.reactions r where r.post_id = x.id and r.user_id = $2) as mine,
       (select coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb)
          from (select r.kind, count(*)::int as n from social.reactions r
                 where r.post_id = x.id group by r.kind) as k) as reactions,
       (select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'contentType', i.content_type,
                                                     'size', i.size) order by i.ordinal), '[]'::jsonb)
          from social.post_images i where i.post_id = x.id) as images
  from unnest($1::bigint[]) as x(id);

-- POST_IMAGES_SQL.insert
insert into social.post_images (id, uploader_id, content_type, size) values ($1, $2, $3, $4);

-- POST_IMAGES_SQL.waiting
select count(*)::int as n from social.post_images
 where uploader_id = $1 and post_id is null and created_at > now() - interval '1 day';

-- POST_IMAGES_SQL.claim
update social.post_images
   set post_id = $1, ordinal = array_position($3::text[], id)
 where id = any($3::text[]) and uploader_id = $2 and post_id is null and removing_since is null
returning id;

-- POST_IMAGES_SQL.count
select count(*)::int as n from social.post_images where post_id = $1;

-- POST_IMAGES_SQL.find
select content_type, size from social.post_images where post_id = $1 and id = $2;

-- POST_SWEEP_SQL.takeStaleUploads
update social.post_images set removing_since = now()
 where id in (
   select id from social.post_images
    where post_id is null and created_at < now() - make_interval(secs => $1)
      and (removing_since is null or removing_since < now() - make_interval(secs => $2))
    order by created_at limit $3
      for update skip locked)
returning id;

-- POST_SWEEP_SQL.takeDeletedPostImages
update social.post_images set removing_since = now()
 where id in (
   select i.id from social.posts p
     join social.post_images i on i.post_id = p.id
    where p.deleted_at < now() - make_interval(secs => $1) and p.swept_at is null
      and (i.removing_since is null or i.removing_since < now() - make_interval(secs => $2))
    order by p.deleted_at limit $3
      for update of i skip locked)
returning id;

-- POST_SWEEP_SQL.forget
delete from social.post_images where id = any($1::text[]);

-- POST_SWEEP_SQL.markSwept
update social.posts set swept_at = now()
 where id in (
   select p.id from social.posts p
    where p.deleted_at < now() - make_interval(secs => $1) and p.swept_at is null
      and not exists (select 1 from social.post_images i where i.post_id = p.id)
    order by p.deleted_at limit $2
      for update skip locked);

-- REACTIONS_SQL.add
insert into social.reactions (post_id, user_id, kind) values ($1, $2, $3)
on conflict do nothing
returning id;

-- REACTIONS_SQL.change
update social.reactions set kind = $3 where post_id = $1 and user_id = $2 returning id;

-- REACTIONS_SQL.remove
delete from social.reactions where post_id = $1 and user_id = $2 returning id;

-- REACTIONS_SQL.page
select id, user_id, kind, created_at from social.reactions
 where post_id = $1 and ($2::text is null or kind = $2)
   and ($3::bigint is null or id < $3)
 order by id desc limit $4;
