import {
  BearerAuth,
  ClientErrors,
  PeopleSuggestions,
  PopularRooms,
  PopularRoomsQuery,
  PostPage,
  RankingPageQuery,
  RecommendationQuery,
} from '@chat/contracts';

const user = { tags: ['social'], security: BearerAuth };
const errors = { ...ClientErrors };

export const popularPostsSchema = {
  ...user,
  summary:
    'Popular posts: PUBLIC posts of public accounts by reactions, comments and views, newer ones weighing more (a half-life of a day); cursor is a rank',
  querystring: RankingPageQuery,
  response: { 200: PostPage, ...errors },
};
export const popularRoomsSchema = {
  ...user,
  summary:
    'Popular rooms of public accounts by counted visits today (DAY, the default) or in the last 7 days (WEEK)',
  querystring: PopularRoomsQuery,
  response: { 200: PopularRooms, ...errors },
};
export const peopleSchema = {
  ...user,
  summary:
    'People I may know: followed by people I follow (by how many), or using the tags of my posts; never me or people I follow or asked to follow',
  querystring: RecommendationQuery,
  response: { 200: PeopleSuggestions, ...errors },
};
export const postsForMeSchema = {
  ...user,
  summary:
    'Posts for me: recent posts I may see with the tags I react to, comment on and write, not mine, not reacted to yet (nextCursor is null)',
  querystring: RecommendationQuery,
  response: { 200: PostPage, ...errors },
};
