/**
 * The SQL of guestbooks. Parameters are always bound. Snapshot: services/social/sql/guestbook.sql.
 */
const COLUMNS = 'id, owner_id, author_id, text, hidden_at, created_at';

export const GUESTBOOK_SQL = {
  /** $1 owner, $2 author, $3 text. */
  insert: `
    insert into social.guestbook_entries (owner_id, author_id, text) values ($1, $2, $3)
    returning ${COLUMNS}`,

  /** $1 id. */
  find: `select ${COLUMNS} from social.guestbook_entries where id = $1`,

  /**
   * $1 owner, $2 viewer, $3 cursor, $4 limit: newest first; hidden entries only for the owner
   * and their author.
   */
  page: `
    select ${COLUMNS} from social.guestbook_entries
     where owner_id = $1
       and (hidden_at is null or $2 = owner_id or $2 = author_id)
       and ($3::bigint is null or id < $3)
     order by id desc limit $4`,

  /** $1 id, $2 owner, $3 hidden: the entry, when it is in the owner's guestbook. */
  setHidden: `
    update social.guestbook_entries
       set hidden_at = case when $3::boolean then coalesce(hidden_at, now()) else null end
     where id = $1 and owner_id = $2
    returning ${COLUMNS}`,

  /** $1 id, $2 author. */
  delete: 'delete from social.guestbook_entries where id = $1 and author_id = $2 returning id',
} as const;
