import type { FollowsRepository } from '../follows/follows.repository.ts';
import { visibleKinds } from '../posts/post-access.ts';
import type { PostRow } from '../posts/posts.repository.ts';

/**
 * The rows `viewerId` may see now, by the rule every read applies (visibleKinds: privacy,
 * follows, blocks), one relation read per author. Rankings and recommendations pass their
 * pages through it after their SQL's own filter, so a change of who may see what holds here
 * as it does in the feed.
 */
export async function onlyVisible(
  deps: { follows: Pick<FollowsRepository, 'relation'> },
  viewerId: number,
  rows: readonly PostRow[],
): Promise<PostRow[]> {
  const authors = [...new Set(rows.map((r) => r.author_id).filter((id) => id !== viewerId))];
  const relations = await Promise.all(authors.map((id) => deps.follows.relation(viewerId, id)));
  const kinds = new Map(authors.map((id, i) => [id, visibleKinds(viewerId, id, relations[i]!)]));
  return rows.filter((r) => r.author_id === viewerId || kinds.get(r.author_id)?.includes(r.visibility));
}
