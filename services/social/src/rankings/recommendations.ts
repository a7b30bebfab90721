import type {
  PeopleSuggestions,
  PopularRooms,
  PopularRoomsQuery,
  PostPage,
  RankingPageQuery,
  RecommendationQuery,
} from '@chat/contracts';
import { presentPosts } from '../posts/post.presenter.ts';
import type { PostDeps } from '../posts/post-deps.ts';
import { socialUsers } from '../users/social-users.ts';
import type { PopularPosts } from './popular-posts.ts';
import type { RankingsRepository } from './rankings.repository.ts';
import { onlyVisible } from './visible-rows.ts';

const PAGE_SIZE = 20;

export interface RankingDeps extends PostDeps {
  readonly rankings: RankingsRepository;
  readonly popular: PopularPosts;
}

/** Popular posts from rank `cursor` (PUBLIC posts of public accounts only). */
export async function popularPosts(deps: RankingDeps, me: number, q: RankingPageQuery): Promise<PostPage> {
  const { rows, next } = await deps.popular.page(q.cursor ?? 0, q.size ?? PAGE_SIZE, (page) =>
    onlyVisible(deps, me, page),
  );
  return { posts: await presentPosts(deps, me, rows), nextCursor: next };
}

/** Rooms of public accounts by counted visits of today or the last 7 days (Asia/Seoul). */
export async function popularRooms(
  deps: RankingDeps,
  me: number,
  q: PopularRoomsQuery,
): Promise<PopularRooms> {
  const size = q.size ?? PAGE_SIZE;
  const found = await deps.rankings.popularRooms(q.period === 'WEEK' ? 6 : 0, size + 10);
  const relations = await Promise.all(found.map((r) => deps.follows.relation(me, r.owner_id)));
  const rows = found.filter((_, i) => !relations[i]!.blocked).slice(0, size);
  const users = await socialUsers(
    deps.users,
    rows.map((r) => r.owner_id),
  );
  return { rooms: rows.map((r) => ({ owner: users.get(r.owner_id)!, title: r.title, visits: r.visits })) };
}

/** People I may know: friends of friends by mutual count, then people using my tags. */
export async function peopleForMe(
  deps: RankingDeps,
  me: number,
  q: RecommendationQuery,
): Promise<PeopleSuggestions> {
  const size = q.size ?? PAGE_SIZE;
  const found = await deps.rankings.people(me, size + 10);
  // Never someone blocked either way (their names are not to be shown to each other).
  const relations = await Promise.all(found.map((r) => deps.follows.relation(me, r.user_id)));
  const rows = found.filter((_, i) => !relations[i]!.blocked).slice(0, size);
  const users = await socialUsers(
    deps.users,
    rows.map((r) => r.user_id),
  );
  return {
    people: rows.map((r) => ({ user: users.get(r.user_id)!, mutualCount: r.mutual, sharedTags: r.tags })),
  };
}

/** Posts for me: by the tags I interact with, only those I may see. */
export async function postsForMe(deps: RankingDeps, me: number, q: RecommendationQuery): Promise<PostPage> {
  const size = q.size ?? PAGE_SIZE;
  const rows = await onlyVisible(deps, me, await deps.rankings.postsForMe(me, size + 10));
  return { posts: await presentPosts(deps, me, rows.slice(0, size)), nextCursor: null };
}
