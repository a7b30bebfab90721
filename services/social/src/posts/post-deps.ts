import type { SocialDeps } from '../social-deps.ts';
import { type CommentsRepository, createCommentsRepository } from './comments.repository.ts';
import { createPostsRepository, type PostsRepository } from './posts.repository.ts';
import { createReactionsRepository, type ReactionsRepository } from './reactions.repository.ts';

/** What the flows of posts, comments and reactions share. */
export interface PostDeps extends SocialDeps {
  readonly posts: PostsRepository;
  readonly comments: CommentsRepository;
  readonly reactions: ReactionsRepository;
}

export function createPostDeps(deps: SocialDeps): PostDeps {
  return {
    ...deps,
    posts: createPostsRepository(deps.db),
    comments: createCommentsRepository(deps.db),
    reactions: createReactionsRepository(deps.db),
  };
}
