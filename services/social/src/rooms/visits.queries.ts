/**
 * The SQL of room visits: one counted visit per room, visitor and Asia/Seoul day, and the
 * room's counters, changed in the same transaction. Parameters are always bound.
 * Snapshot: services/social/sql/visits.sql.
 */
export const VISITS_SQL = {
  /**
   * $1 owner, $2 visitor: the day's visit, when it is the first (the unique key decides, on
   * every node); nothing when it was counted already.
   */
  record: `
    insert into social.room_visits (owner_id, visitor_id, day)
    values ($1, $2, (now() at time zone 'Asia/Seoul')::date)
    on conflict do nothing
    returning id, to_char(day, 'YYYY-MM-DD') as day`,

  /**
   * $1 owner, $2 day of a new visit: one more today and ever. A visit of a day already past
   * (a transaction that began before midnight) counts in the total only.
   */
  count: `
    update social.rooms set
      today_count = case when today_day = $2::date then today_count + 1
                         when today_day < $2::date then 1
                         else today_count end,
      today_day = greatest(today_day, $2::date),
      total_count = total_count + 1,
      active_at = now()
    where owner_id = $1`,

  /** $1 owner, $2 cursor, $3 limit: counted visits, newest first. */
  page: `
    select id, visitor_id, to_char(day, 'YYYY-MM-DD') as day, visited_at from social.room_visits
     where owner_id = $1 and ($2::bigint is null or id < $2)
     order by id desc limit $3`,
} as const;
