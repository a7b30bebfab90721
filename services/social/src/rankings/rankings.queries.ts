/**
 * The SQL of rankings and recommendations. Parameters are always bound. Snapshot:
 * services/social/sql/rankings.sql.
 */

/** A post's columns as the posts repository reads them (alias p). */
const POST = 'p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at';

/** Post p is PUBLIC and its author's account public: what public rankings may show. */
const PUBLIC_POST = `p.deleted_at is null and p.visibility = 'PUBLIC'
       and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private)`;

/**
 * Whether viewer `$n` may see post p, before blocks: their own; a PUBLIC post of a public
 * account; a PUBLIC or FOLLOWERS post of an account they follow (approved). A superset of the
 * rule (visibility.ts); the rows are then narrowed by the rule itself (visible-rows.ts).
 */
const visibleTo = (viewer: string) => `(
      p.author_id = ${viewer}
      or (p.visibility = 'PUBLIC'
          and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
      or (p.visibility <> 'PRIVATE'
          and exists (select 1 from social.follows f where f.follower_id = ${viewer} and f.followee_id = p.author_id)))`;

export const RANKINGS_SQL = {
  /**
   * $1 since, $2 epoch (ms), $3 half-life (ms), $4 weight of a reaction, $5 weight of a
   * comment, $6 limit, $7 weight of a view: the popular posts' scores as the consumer and the
   * views would have summed them (scoring.ts): each reaction, and each commenter's first
   * comment, on a PUBLIC post of a public account, not by its author, since `since`; and the
   * counted views of each day since then, as if made at the day's noon (UTC; now, today, if
   * that is earlier). The rebuild of a lost ranking.
   */
  rebuild: `
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
     where x.who is distinct from p.author_id and ${PUBLIC_POST}
     group by x.post_id
     order by score desc
     limit $6`,

  /** $1 post, $2 UTC day (YYYY-MM-DD): one more counted view of the post that day. */
  addView: `
    insert into social.post_view_days as v (post_id, day, views) values ($1, $2::date, 1)
    on conflict (post_id, day) do update set views = v.views + 1`,

  /** $1 days kept (before today, UTC), $2 limit: deletes view counts of older days, a batch. */
  forgetViewDays: `
    delete from social.post_view_days
     where (post_id, day) in (
       select post_id, day from social.post_view_days
        where day < (now() at time zone 'UTC')::date - $1::int
        order by day limit $2
          for update skip locked)`,

  /** $1 post ids: those a public ranking may show (re-checked at read time). */
  publicPosts: `select ${POST} from social.posts p where p.id = any($1::bigint[]) and ${PUBLIC_POST}`,

  /**
   * $1 days before today (0: today only, 6: the last 7 days), $2 limit: rooms of public
   * accounts by counted visits in those Asia/Seoul days (room_visits_day).
   */
  popularRooms: `
    select v.owner_id, r.title, count(*)::int as visits
      from social.room_visits v
      join social.rooms r on r.owner_id = v.owner_id
     where v.day >= (now() at time zone 'Asia/Seoul')::date - $1::int
       and not exists (select 1 from social.accounts a where a.user_id = v.owner_id and a.private)
     group by v.owner_id, r.title
     order by visits desc, v.owner_id
     limit $2`,

  /**
   * $1 me, $2 limit: people I may know. Friends of friends (followed by people I follow),
   * by how many of those; and people who used, in PUBLIC posts of public accounts lately, the
   * tags of my 50 newest posts (each tag's 200 newest posts). Never me, nor anyone I follow
   * or asked to follow.
   */
  people: `
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
       where ${PUBLIC_POST}
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
     limit $2`,

  /**
   * $1 me, $2 limit: posts for me. My interests: the tags of the posts I reacted to, commented
   * on or wrote lately (the 100 newest of each), weighted by how often. Candidates: each of my
   * 20 strongest tags' 200 newest posts, of the last 30 days, not mine, not reacted to by me,
   * that I may see; by the weight of the tags they share with me, then newest.
   */
  postsForMe: `
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
    select ${POST}, c.score
      from candidates c
      join social.posts p on p.id = c.post_id
     where p.author_id <> $1 and p.deleted_at is null
       and p.created_at > now() - interval '30 days'
       and not exists (select 1 from social.reactions r where r.post_id = p.id and r.user_id = $1)
       and ${visibleTo('$1')}
     order by c.score desc, p.id desc
     limit $2`,
} as const;
