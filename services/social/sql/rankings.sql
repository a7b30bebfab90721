-- The SQL of services/social/src/rankings/rankings.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- RANKINGS_SQL.rebuild
select x.post_id as id,
       sum(x.w * power(2::float8, (extract(epoch from x.at)::float8 * 1000 - $2::float8) / $3::float8)) as score
  from (
    select r.post_id, r.user_id as who, r.created_at as at, $4::float8 as w
      from social.reactions r where r.created_at >= $1
    union all
    select c.post_id, c.author_id, min(c.created_at), $5::float8
      from social.comments c where c.created_at >= $1 and c.deleted_at is null
     group by c.post_id, c.author_id
    union all
    select v.post_id, null, least((v.day + time '12:00') at time zone 'UTC', now()), $7::float8 * v.views
      from social.post_view_days v where v.day >= ($1::timestamptz at time zone 'UTC')::date
  ) as x
  join social.posts p on p.id = x.post_id
 where x.who is distinct from p.author_id and p.deleted_at is null and p.visibility = 'PUBLIC'
   and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private)
 group by x.post_id
 order by score desc
 limit $6;

-- RANKINGS_SQL.addView
insert into social.post_view_days as v (post_id, day, views) values ($1, $2::date, 1)
on conflict (post_id, day) do update set views = v.views + 1;

-- RANKINGS_SQL.forgetViewDays
delete from social.post_view_days
 where (post_id, day) in (
   select post_id, day from social.post_view_days
    where day < (now() at time zone 'UTC')::date - $1::int
    order by day limit $2
      for update skip locked);

-- RANKINGS_SQL.publicPosts
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at from social.posts p where p.id = any($1::bigint[]) and p.deleted_at is null and p.visibility = 'PUBLIC'
       and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private);

-- RANKINGS_SQL.popularRooms
select v.owner_id, r.title, count(*)::int as visits
  from social.room_visits v
  join social.rooms r on r.owner_id = v.owner_id
 where v.day >= (now() at time zone 'Asia/Seoul')::date - $1::int
   and not exists (select 1 from social.accounts a where a.user_id = v.owner_id and a.private)
 group by v.owner_id, r.title
 order by visits desc, v.owner_id
 limit $2;

-- RANKINGS_SQL.people
with fof as (
  select f2.followee_id as user_id, count(*)::int as mutual
    from social.follows f1
    join social.follows f2 on f2.follower_id = f1.followee_id
   where f1.follower_id = $1
   group by f2.followee_id
), my_tags as (
  select distinct unnest(q.tags) as tag
    from (select p.tags from social.posts p where p.author_id = $1 and p.deleted_at is null
           order by p.id desc limit 50) as q
), taggers as (
  select p.author_id as user_id, array_agg(distinct m.tag order by m.tag) as tags
    from my_tags m
    cross join lateral (select t.post_id from social.post_tags t where t.tag = m.tag
                         order by t.post_id desc limit 200) as t
    join social.posts p on p.id = t.post_id
   where p.deleted_at is null and p.visibility = 'PUBLIC'
   and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private)
   group by p.author_id
)
select coalesce(f.user_id, g.user_id) as user_id, coalesce(f.mutual, 0) as mutual,
       coalesce(g.tags, '{}'::text[]) as tags
  from fof f
  full join taggers g on g.user_id = f.user_id
 where coalesce(f.user_id, g.user_id) <> $1
   and not exists (select 1 from social.follows x
                    where x.follower_id = $1 and x.followee_id = coalesce(f.user_id, g.user_id))
   and not exists (select 1 from social.follow_requests x
                    where x.requester_id = $1 and x.target_id = coalesce(f.user_id, g.user_id))
 order by mutual desc, cardinality(coalesce(g.tags, '{}'::text[])) desc, user_id
 limit $2;

-- RANKINGS_SQL.postsForMe
with touched as (
  select r.post_id from (select post_id from social.reactions where user_id = $1
                          order by id desc limit 100) as r
  union all
  select c.post_id from (select post_id from social.comments where author_id = $1 and deleted_at is null
                          order by id desc limit 100) as c
  union all
  select q.id from (select id from social.posts where author_id = $1 and deleted_at is null
                     order by id desc limit 100) as q
), my_tags as (
  select t.tag, count(*)::int as weight
    from touched x join social.post_tags t on t.post_id = x.post_id
   group by t.tag
   order by weight desc, t.tag
   limit 20
), candidates as (
  select c.post_id, sum(m.weight)::int as score
    from my_tags m
    cross join lateral (select t.post_id from social.post_tags t where t.tag = m.tag
                         order by t.post_id desc limit 200) as c
   group by c.post_id
)
select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at, c.score
  from candidates c
  join social.posts p on p.id = c.post_id
 where p.author_id <> $1 and p.deleted_at is null
   and p.created_at > now() - interval '30 days'
   and not exists (select 1 from social.reactions r where r.post_id = p.id and r.user_id = $1)
   and (
  p.author_id = $1
  or (p.visibility = 'PUBLIC'
      and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
  or (p.visibility <> 'PRIVATE'
      and exists (select 1 from social.follows f where f.follower_id = $1 and f.followee_id = p.author_id)))
 order by c.score desc, p.id desc
 limit $2;
