import { BearerAuth, DateTime, ErrorBody } from '@chat/contracts';
import { Type } from '@sinclair/typebox';

const tags = ['admin'];
const errors = { '4xx': ErrorBody, '5xx': ErrorBody };

const Topic = Type.String({ minLength: 1, maxLength: 200, description: 'Event log topic' });
const Group = Type.String({ minLength: 1, maxLength: 200, description: 'Consumer group' });
const DeadLetterId = Type.String({ pattern: '^[0-9]{1,20}$', description: 'Dead letter id' });

/** Most dead letters listed at once; a larger `limit` is clamped to it. */
export const MAX_DEAD_LETTERS = 1000;
export const DEFAULT_DEAD_LETTERS = 100;

export const DeadLettersQuery = Type.Object(
  {
    topic: Type.Optional(Topic),
    group: Type.Optional(Group),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        default: DEFAULT_DEAD_LETTERS,
        description: `Most dead letters returned (default ${DEFAULT_DEAD_LETTERS}; above ${MAX_DEAD_LETTERS} is clamped)`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const DeadLetterView = Type.Object({
  id: DeadLetterId,
  topic: Type.String(),
  group: Type.String(),
  partition: Type.Integer(),
  offset: Type.Integer(),
  key: Type.String(),
  attempts: Type.Integer({ description: 'Deliveries made before it was dead-lettered' }),
  error: Type.String({ description: 'Message of the last failure' }),
  deadAt: DateTime,
  headers: Type.Record(Type.String(), Type.String()),
  valueBytes: Type.Integer({ description: 'Size of the record value' }),
  valuePreview: Type.String({ description: 'Start of the value as UTF-8 text (at most 1 KiB)' }),
  valueTruncated: Type.Boolean(),
});

export const DeadLetterList = Type.Object({
  deadLetters: Type.Array(DeadLetterView),
  hasMore: Type.Boolean({ description: 'More dead letters match than `limit`' }),
});

export const RedriveBody = Type.Object(
  {
    topic: Topic,
    group: Group,
    ids: Type.Optional(
      Type.Array(DeadLetterId, {
        minItems: 1,
        maxItems: MAX_DEAD_LETTERS,
        description: 'Dead letters to re-drive; all of the group when left out',
      }),
    ),
  },
  { additionalProperties: false },
);

export const RedriveResult = Type.Object({
  topic: Type.String(),
  group: Type.String(),
  redriven: Type.Integer({ description: 'Records appended again (ids not found are skipped)' }),
});

export const ConsumerGroupView = Type.Object({
  topic: Type.String(),
  group: Type.String(),
  lag: Type.Union([Type.Integer(), Type.Null()], { description: 'Total lag; null when unavailable' }),
  partitions: Type.Array(Type.Object({ partition: Type.Integer(), lag: Type.Integer() })),
  lagError: Type.Optional(Type.String()),
  localInstances: Type.Integer({ description: 'Instances of the group running in this process' }),
  assignedPartitions: Type.Array(Type.Integer(), { description: 'Partitions those instances own' }),
});

export const listDeadLettersSchema = {
  tags,
  summary: 'Dead-lettered records of known consumer groups, oldest first (ROLE_ADMIN)',
  description: 'topic and group filter; each must name a consumer group of this process (404 otherwise).',
  security: BearerAuth,
  querystring: DeadLettersQuery,
  response: { 200: DeadLetterList, ...errors },
};

export const redriveSchema = {
  tags,
  summary: 'Append dead-lettered records again and remove them from the dead letters (ROLE_ADMIN)',
  description:
    'Every consumer group of the topic receives a re-driven record again (handlers are idempotent).',
  security: BearerAuth,
  body: RedriveBody,
  response: { 200: RedriveResult, ...errors },
};

export const listConsumersSchema = {
  tags,
  summary: 'Consumer groups of this process with their lag per partition (ROLE_ADMIN)',
  security: BearerAuth,
  response: { 200: Type.Object({ consumers: Type.Array(ConsumerGroupView) }), ...errors },
};
