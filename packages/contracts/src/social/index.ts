// The social service's wire shapes and events (docs/services/social.md).
export * from './events.ts';
export * from './follows.ts';
export * from './visibility.ts';
