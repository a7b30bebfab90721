// The social service's wire shapes and events (docs/services/social.md).
export * from './assets.ts';
export * from './avatars.ts';
export * from './events.ts';
export * from './follows.ts';
export * from './notifications.ts';
export * from './posts.ts';
export * from './rankings.ts';
export * from './rooms.ts';
export * from './visibility.ts';
