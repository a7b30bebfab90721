import { StringEnum } from '../common.ts';

/**
 * Who sees a post: everyone who may see its author (PUBLIC), the author's approved followers
 * (FOLLOWERS), or the author alone (PRIVATE). A private account's PUBLIC posts are seen by its
 * approved followers only.
 */
export const POST_VISIBILITIES = ['PUBLIC', 'FOLLOWERS', 'PRIVATE'] as const;
export const PostVisibility = StringEnum(POST_VISIBILITIES);
export type PostVisibility = (typeof POST_VISIBILITIES)[number];
