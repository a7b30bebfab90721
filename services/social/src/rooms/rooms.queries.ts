/**
 * The SQL of mini-homepages: rooms, their decorations and random visits. Parameters are always
 * bound. Snapshot: services/social/sql/rooms.sql.
 */
const ACTIVE_PUBLIC = `r.owner_id <> $1
       and r.active_at > now() - $3::int * interval '1 day'
       and not exists (select 1 from social.accounts a where a.user_id = r.owner_id and a.private)
       and not exists (select 1 from social.blocks b
                        where b.blocked
                          and ((b.blocker_id = r.owner_id and b.blocked_id = $1)
                            or (b.blocker_id = $1 and b.blocked_id = r.owner_id)))`;

export const ROOMS_SQL = {
  /** $1 owner: the room with its defaults, when it has none yet. */
  ensure: 'insert into social.rooms (owner_id) values ($1) on conflict do nothing',

  /** $1 owner: the room; `today` is 0 when the counted day is past (Asia/Seoul). */
  find: `
    select owner_id, title, theme, background_color, background_asset_id, intro, updated_at,
           case when today_day = (now() at time zone 'Asia/Seoul')::date then today_count else 0 end as today,
           total_count as total
      from social.rooms where owner_id = $1`,

  /** $1 owner: locks the room for a change and marks it changed (and active). */
  touch: `
    update social.rooms set updated_at = now(), active_at = now()
     where owner_id = $1
    returning owner_id`,

  /**
   * $1 owner, $2 title given, $3 title (null: the nickname), $4 theme or null, $5 background
   * given, $6 colour, $7 asset, $8 intro or null.
   */
  update: `
    update social.rooms set
      title = case when $2::boolean then $3::text else title end,
      theme = coalesce($4::text, theme),
      background_color = case when $5::boolean then $6::text else background_color end,
      background_asset_id = case when $5::boolean then $7::bigint else background_asset_id end,
      intro = coalesce($8::text, intro),
      updated_at = now(),
      active_at = now()
    where owner_id = $1`,

  /** $1 owner: placed decorations with their assets, in stacking order. */
  decorations: `
    select d.asset_id, d.x, d.y, d.z, a.kind, a.category, a.name
      from social.room_decorations d join social.assets a on a.id = d.asset_id
     where d.owner_id = $1
     order by d.z, d.position`,

  /** $1 owner. */
  clearDecorations: 'delete from social.room_decorations where owner_id = $1',

  /** $1 owner, $2 asset ids, $3 xs, $4 ys, $5 zs (same lengths; their order is `position`). */
  placeDecorations: `
    insert into social.room_decorations (owner_id, asset_id, x, y, z, position)
    select $1, t.asset_id, t.x, t.y, t.z, t.position
      from unnest($2::bigint[], $3::int[], $4::int[], $5::int[]) with ordinality as t(asset_id, x, y, z, position)`,

  /**
   * A random active room of a public account but mine: $1 me, $2 a fraction in [0, 1), $3 days
   * that count as active. The fraction picks an owner id between the lowest and the highest;
   * the first eligible room from there (wrapping around) is taken: index walks, no sort of the
   * whole table.
   */
  randomAll: `
    with pick as (
      select lo + floor($2::float8 * (hi - lo + 1))::bigint as t
        from (select min(owner_id) as lo, max(owner_id) as hi from social.rooms) b
    )
    select owner_id from (
      (select r.owner_id, 0 as pass from social.rooms r, pick
        where r.owner_id >= pick.t and ${ACTIVE_PUBLIC}
        order by r.owner_id limit 1)
      union all
      (select r.owner_id, 1 as pass from social.rooms r, pick
        where r.owner_id < pick.t and ${ACTIVE_PUBLIC}
        order by r.owner_id limit 1)
    ) c
    order by pass limit 1`,

  /**
   * As randomAll, among friends of friends: users followed by people $1 follows, not $1 and
   * not followed by $1 already.
   */
  randomFof: `
    with fof as (
      select distinct f2.followee_id as user_id
        from social.follows f1
        join social.follows f2 on f2.follower_id = f1.followee_id
       where f1.follower_id = $1 and f2.followee_id <> $1
         and not exists (select 1 from social.follows x where x.follower_id = $1 and x.followee_id = f2.followee_id)
    ),
    eligible as (
      select r.owner_id from social.rooms r join fof on fof.user_id = r.owner_id
       where ${ACTIVE_PUBLIC}
    ),
    pick as (
      select min(owner_id) + floor($2::float8 * (max(owner_id) - min(owner_id) + 1))::bigint as t from eligible
    )
    select owner_id from (
      (select e.owner_id, 0 as pass from eligible e, pick where e.owner_id >= pick.t order by e.owner_id limit 1)
      union all
      (select e.owner_id, 1 as pass from eligible e, pick where e.owner_id < pick.t order by e.owner_id limit 1)
    ) c
    order by pass limit 1`,
} as const;
