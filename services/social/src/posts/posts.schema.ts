import {
  BearerAuth,
  ClientErrors,
  Comment,
  CommentPage,
  CommentParams,
  CreateCommentBody,
  CreatePostBody,
  POST_IMAGE_MAX,
  POST_IMAGE_TYPES,
  Post,
  PostImageParams,
  PostPage,
  PostParams,
  ReactionBody,
  ReactionPage,
  ReactionSummary,
  ReactionsQuery,
  SocialPageQuery,
  TagParams,
  UpdatePostBody,
  UploadedImage,
  UserParams,
} from '@chat/contracts';
import { Type } from '@sinclair/typebox';

const user = { tags: ['social'], security: BearerAuth };
const errors = { ...ClientErrors };
const hidden = '404 for a post you may not see; 403 for a PUBLIC post of a private account you do not follow';

export const uploadImageSchema = {
  ...user,
  summary: `Upload an image for a post to come: the raw body, ${POST_IMAGE_TYPES.join(', ')}, at most ${POST_IMAGE_MAX} bytes; give its id in the post's imageIds`,
  response: { 201: UploadedImage, ...errors },
};
export const createPostSchema = {
  ...user,
  summary: 'Write a post: text and/or up to 4 images, tags, mentions, visibility',
  body: CreatePostBody,
  response: { 201: Post, ...errors },
};
export const postSchema = {
  ...user,
  summary: `A post (${hidden})`,
  params: PostParams,
  response: { 200: Post, ...errors },
};
export const updatePostSchema = {
  ...user,
  summary:
    "Edit my post: the fields sent replace the post's (images stay); sets editedAt. 403 on someone else's",
  params: PostParams,
  body: UpdatePostBody,
  response: { 200: Post, ...errors },
};
export const deletePostSchema = {
  ...user,
  summary: "Delete my post: it leaves every list. 403 on someone else's",
  params: PostParams,
  response: { ...errors },
};
export const postImageSchema = {
  ...user,
  summary: `A post's image (${hidden})`,
  params: PostImageParams,
};
export const commentsSchema = {
  ...user,
  summary: `A post's top-level comments, oldest first, with their reply counts (${hidden})`,
  params: PostParams,
  querystring: SocialPageQuery,
  response: { 200: CommentPage, ...errors },
};
export const repliesSchema = {
  ...user,
  summary: 'The replies to a comment, oldest first',
  params: CommentParams,
  querystring: SocialPageQuery,
  response: { 200: CommentPage, ...errors },
};
export const addCommentSchema = {
  ...user,
  summary: 'Comment on a post, or reply (parentId) to one of its top-level comments',
  params: PostParams,
  body: CreateCommentBody,
  response: { 201: Comment, ...errors },
};
export const deleteCommentSchema = {
  ...user,
  summary: 'Delete a comment and its replies: mine, or any on my post (403 otherwise)',
  params: CommentParams,
  response: { ...errors },
};
export const reactSchema = {
  ...user,
  summary: 'React to a post (one reaction per user: 409 when I have one, change it with PUT)',
  params: PostParams,
  body: ReactionBody,
  response: { 201: ReactionSummary, ...errors },
};
export const changeReactionSchema = {
  ...user,
  summary: 'Change the kind of my reaction (404 when I have none)',
  params: PostParams,
  body: ReactionBody,
  response: { 200: ReactionSummary, ...errors },
};
export const unreactSchema = {
  ...user,
  summary: 'Remove my reaction (none is fine)',
  params: PostParams,
  response: { ...errors },
};
export const reactionsSchema = {
  ...user,
  summary: `Who reacted to a post, newest first, of one kind or all (${hidden})`,
  params: PostParams,
  querystring: ReactionsQuery,
  response: { 200: ReactionPage, ...errors },
};
export const feedSchema = {
  ...user,
  summary: 'My feed: posts of the people I follow and mine that I may see, newest first',
  querystring: SocialPageQuery,
  response: { 200: PostPage, ...errors },
};
export const userPostsSchema = {
  ...user,
  summary: "A user's posts that I may see, newest first (403 when the account is private to me)",
  params: UserParams,
  querystring: SocialPageQuery,
  response: { 200: PostPage, ...errors },
};
export const searchPostsSchema = {
  ...user,
  summary: 'Posts whose text holds q (case-insensitive) that I may see, newest first',
  querystring: Type.Intersect([Type.Object({ q: Type.String({ maxLength: 400 }) }), SocialPageQuery]),
  response: { 200: PostPage, ...errors },
};

export const tagPostsSchema = {
  ...user,
  summary: 'Posts with a tag that I may see, newest first',
  params: TagParams,
  querystring: SocialPageQuery,
  response: { 200: PostPage, ...errors },
};
