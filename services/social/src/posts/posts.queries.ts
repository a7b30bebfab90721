/**
 * The SQL of posts, their tags and images, comments and reactions. Parameters are always
 * bound. Snapshot: services/social/sql/posts.sql.
 */

/** A post's columns as the repository reads them (alias p). */
const POST = 'p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at';

/**
 * Whether viewer `$n` may see post p (visibility.ts): their own; else, unless one blocked the
 * other (social.blocks, chat's list), a PUBLIC post of a public account or a PUBLIC or
 * FOLLOWERS post of an account they follow (approved).
 */
const visibleTo = (viewer: string) => `(
      p.author_id = ${viewer}
      or ((p.visibility = 'PUBLIC'
           and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
          or (p.visibility <> 'PRIVATE'
              and exists (select 1 from social.follows f where f.follower_id = ${viewer} and f.followee_id = p.author_id)))
         and not exists (select 1 from social.blocks b
                          where b.blocked
                            and ((b.blocker_id = p.author_id and b.blocked_id = ${viewer})
                              or (b.blocker_id = ${viewer} and b.blocked_id = p.author_id))))`;

export const POSTS_SQL = {
  /** $1 author, $2 text, $3 visibility, $4 tags, $5 mentions. */
  insert: `
    insert into social.posts as p (author_id, text, visibility, tags, mentions)
    values ($1, $2, $3, $4::text[], $5::bigint[])
    returning ${POST}`,

  /** $1 id: a post not deleted. */
  find: `select ${POST} from social.posts p where p.id = $1 and p.deleted_at is null`,

  /** $1 id: a post not deleted, kept from being deleted or edited until the transaction ends. */
  findForShare: `select ${POST} from social.posts p where p.id = $1 and p.deleted_at is null for share`,

  /** $1 id: a post not deleted, locked to be edited or deleted. */
  findForUpdate: `select ${POST} from social.posts p where p.id = $1 and p.deleted_at is null for update`,

  /** $1 id, $2 text, $3 visibility, $4 tags, $5 mentions: an edit (edited_at = now). */
  update: `
    update social.posts p
       set text = $2, visibility = $3, tags = $4::text[], mentions = $5::bigint[], edited_at = now()
     where p.id = $1 and p.deleted_at is null
    returning ${POST}`,

  /** $1 id. */
  softDelete: 'update social.posts set deleted_at = now() where id = $1 and deleted_at is null returning id',

  /** $1 post. */
  deleteTags: 'delete from social.post_tags where post_id = $1',

  /** $1 post, $2 tags. */
  insertTags: `
    insert into social.post_tags (tag, post_id)
    select distinct t, $1::bigint from unnest($2::text[]) as t
    on conflict do nothing`,

  /**
   * $1 viewer, $2 cursor (a post id, or null), $3 limit: the feed, fanned out on read. The
   * newest `limit` post ids of each author (everyone the viewer follows, and the viewer), each
   * an index-only range of posts_author, merged; then those posts' rows. One query, bounded by
   * authors x limit index entries however many posts they wrote. A followed author's PRIVATE
   * posts are theirs alone.
   */
  feed: `
    select ${POST} from (
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
    order by p.id desc`,

  /** $1 author, $2 visibilities the viewer may see, $3 cursor, $4 limit: newest first. */
  byAuthor: `
    select ${POST} from social.posts p
     where p.author_id = $1 and p.deleted_at is null and p.visibility = any($2::text[])
       and ($3::bigint is null or p.id < $3)
     order by p.id desc limit $4`,

  /** $1 author, $2 visibilities the viewer may see. */
  countByAuthor: `
    select count(*)::int as n from social.posts p
     where p.author_id = $1 and p.deleted_at is null and p.visibility = any($2::text[])`,

  /** $1 tag, $2 viewer, $3 cursor, $4 limit: posts with the tag that the viewer may see, newest first. */
  byTag: `
    select ${POST} from social.post_tags t
      join social.posts p on p.id = t.post_id
     where t.tag = $1 and ($3::bigint is null or t.post_id < $3) and p.deleted_at is null
       and ${visibleTo('$2')}
     order by t.post_id desc limit $4`,

  /**
   * Search, step 1 of 2 (posts.repository.ts): $1 pattern (ILIKE, `\` escapes), $2 viewer,
   * $3 cursor, $4 limit, $5 window. The newest $5 posts below the cursor (walked newest first
   * through the primary key), tested with the pattern and visibility: posts whose text matches
   * that the viewer may see, newest first. A common word is answered here in a few
   * milliseconds, however many posts hold it further back.
   */
  searchRecent: `
    select ${POST} from (
      select q.* from social.posts q
       where q.deleted_at is null and ($3::bigint is null or q.id < $3)
       order by q.id desc limit $5
    ) as p
     where p.text ilike $1 escape '\\'
       and ${visibleTo('$2')}
     order by p.id desc limit $4`,

  /**
   * Search, step 2, when step 1 found fewer than the limit (a rare word, or one absent from the
   * newest posts): $1 to $4 as there. The character-pair index (migrations/010_post_search.sql)
   * gives the posts holding the pattern's pairs, ILIKE confirms, then visibility; newest first.
   * `p.id + 0` keeps the planner from walking the primary key backwards hoping for a match
   * soon: step 1 just showed matches are sparse among the newest.
   */
  searchIndexed: `
    select ${POST} from social.posts p
     where array_to_tsvector(social.search_pairs(p.text)) @@ social.search_query($1)
       and p.deleted_at is null and p.text ilike $1 escape '\\'
       and ($3::bigint is null or p.id < $3)
       and ${visibleTo('$2')}
     order by p.id + 0 desc limit $4`,

  /**
   * $1 post ids, $2 viewer: what a post shows besides its row: comments (replies included),
   * reactions per kind, the viewer's reaction, images in order.
   */
  extras: `
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
      from unnest($1::bigint[]) as x(id)`,
} as const;

export const POST_IMAGES_SQL = {
  /** $1 id, $2 uploader, $3 content type, $4 size: an upload waiting for a post. */
  insert: 'insert into social.post_images (id, uploader_id, content_type, size) values ($1, $2, $3, $4)',

  /** $1 uploader: their uploads of the last day still waiting for a post. */
  waiting: `
    select count(*)::int as n from social.post_images
     where uploader_id = $1 and post_id is null and created_at > now() - interval '1 day'`,

  /**
   * $1 post, $2 uploader, $3 ids in order: the uploader's waiting images, taken by the post
   * (not those the sweeper is removing).
   */
  claim: `
    update social.post_images
       set post_id = $1, ordinal = array_position($3::text[], id)
     where id = any($3::text[]) and uploader_id = $2 and post_id is null and removing_since is null
    returning id`,

  /** $1 post. */
  count: 'select count(*)::int as n from social.post_images where post_id = $1',

  /** $1 post, $2 image. */
  find: 'select content_type, size from social.post_images where post_id = $1 and id = $2',
} as const;

/**
 * The sweeper's (housekeeping/sweeper.ts). It takes images to remove by setting removing_since
 * (rows another sweeper holds are skipped, ones taken over $2 seconds ago and still there are
 * taken again), removes their objects, then their rows: each is removed once however many
 * nodes sweep. Cut-offs are in seconds before the database's now().
 */
export const POST_SWEEP_SQL = {
  /** $1 age (s), $2 retry after (s), $3 limit: uploads no post took within $1, oldest first. */
  takeStaleUploads: `
    update social.post_images set removing_since = now()
     where id in (
       select id from social.post_images
        where post_id is null and created_at < now() - make_interval(secs => $1)
          and (removing_since is null or removing_since < now() - make_interval(secs => $2))
        order by created_at limit $3
          for update skip locked)
    returning id`,

  /** $1 grace (s), $2 retry after (s), $3 limit: images of posts deleted over $1 ago. */
  takeDeletedPostImages: `
    update social.post_images set removing_since = now()
     where id in (
       select i.id from social.posts p
         join social.post_images i on i.post_id = p.id
        where p.deleted_at < now() - make_interval(secs => $1) and p.swept_at is null
          and (i.removing_since is null or i.removing_since < now() - make_interval(secs => $2))
        order by p.deleted_at limit $3
          for update of i skip locked)
    returning id`,

  /** $1 ids: rows of images whose objects are gone. */
  forget: 'delete from social.post_images where id = any($1::text[])',

  /** $1 grace (s), $2 limit: posts deleted over $1 ago with no image left, marked swept. */
  markSwept: `
    update social.posts set swept_at = now()
     where id in (
       select p.id from social.posts p
        where p.deleted_at < now() - make_interval(secs => $1) and p.swept_at is null
          and not exists (select 1 from social.post_images i where i.post_id = p.id)
        order by p.deleted_at limit $2
          for update skip locked)`,
} as const;

/** A comment's columns (alias c). */
const COMMENT = 'c.id, c.post_id, c.parent_id, c.author_id, c.text, c.mentions, c.created_at';

export const COMMENTS_SQL = {
  /** $1 post, $2 parent (or null), $3 author, $4 text, $5 mentions. */
  insert: `
    insert into social.comments as c (post_id, parent_id, author_id, text, mentions)
    values ($1, $2, $3, $4, $5::bigint[])
    returning ${COMMENT}`,

  /** $1 post, $2 comment: one not deleted. */
  find: `select ${COMMENT} from social.comments c where c.post_id = $1 and c.id = $2 and c.deleted_at is null`,

  /** $1 post, $2 cursor (a comment id, or null), $3 limit: top-level comments, oldest first. */
  topLevel: `
    select ${COMMENT} from social.comments c
     where c.post_id = $1 and c.parent_id is null and c.deleted_at is null
       and ($2::bigint is null or c.id > $2)
     order by c.id limit $3`,

  /** $1 post, $2 parent, $3 cursor, $4 limit: replies to the parent, oldest first. */
  replies: `
    select ${COMMENT} from social.comments c
     where c.post_id = $1 and c.parent_id = $2 and c.deleted_at is null
       and ($3::bigint is null or c.id > $3)
     order by c.id limit $4`,

  /** $1 post, $2 comment ids: replies of each, not deleted. */
  replyCounts: `
    select c.parent_id, count(*)::int as n from social.comments c
     where c.post_id = $1 and c.parent_id = any($2::bigint[]) and c.deleted_at is null
     group by c.parent_id`,

  /** $1 post, $2 comment: the comment and its replies, deleted. */
  softDelete: `
    update social.comments set deleted_at = now()
     where post_id = $1 and (id = $2 or parent_id = $2) and deleted_at is null
    returning id`,
} as const;

export const REACTIONS_SQL = {
  /** $1 post, $2 user, $3 kind: nothing when the user reacted already. */
  add: `
    insert into social.reactions (post_id, user_id, kind) values ($1, $2, $3)
    on conflict do nothing
    returning id`,

  /** $1 post, $2 user, $3 kind. */
  change: 'update social.reactions set kind = $3 where post_id = $1 and user_id = $2 returning id',

  /** $1 post, $2 user. */
  remove: 'delete from social.reactions where post_id = $1 and user_id = $2 returning id',

  /** $1 post, $2 kind (or null: every kind), $3 cursor, $4 limit: who reacted, newest first. */
  page: `
    select id, user_id, kind, created_at from social.reactions
     where post_id = $1 and ($2::text is null or kind = $2)
       and ($3::bigint is null or id < $3)
     order by id desc limit $4`,
} as const;
