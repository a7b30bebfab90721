import type { Faults } from './types.ts';

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  declineRate: 0,
  declineAmountsAbove: null,
  confirmDelayMs: 0,
  confirmErrorRate: 0,
  confirmErrorAfterCommit: false,
  duplicateWebhooks: 1,
  reorderWebhooks: false,
  dropWebhooks: false,
  webhookDelayMs: 0,
});

const MAX_DELAY_MS = 10 * 60_000;
const MAX_DUPLICATES = 20;

type Check = (v: unknown) => boolean;
const rate: Check = (v) => typeof v === 'number' && v >= 0 && v <= 1;
const int =
  (max: number): Check =>
  (v) =>
    Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max;
const bool: Check = (v) => typeof v === 'boolean';

const CHECKS: Record<keyof Faults, [Check, string]> = {
  declineRate: [rate, 'a number in 0..1'],
  declineAmountsAbove: [(v) => v === null || int(Number.MAX_SAFE_INTEGER)(v), 'null or an integer >= 0'],
  confirmDelayMs: [int(MAX_DELAY_MS), `an integer in 0..${MAX_DELAY_MS}`],
  confirmErrorRate: [rate, 'a number in 0..1'],
  confirmErrorAfterCommit: [bool, 'a boolean'],
  duplicateWebhooks: [int(MAX_DUPLICATES), `an integer in 0..${MAX_DUPLICATES}`],
  reorderWebhooks: [bool, 'a boolean'],
  dropWebhooks: [bool, 'a boolean'],
  webhookDelayMs: [int(MAX_DELAY_MS), `an integer in 0..${MAX_DELAY_MS}`],
};

/** Validates a partial fault set (options or `POST /__control/faults`); throws listing every problem. */
export function parseFaults(input: unknown): Partial<Faults> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new TypeError('faults: expected a JSON object');
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const check = CHECKS[key as keyof Faults];
    if (!check) problems.push(`unknown fault '${key}'`);
    else if (!check[0](value)) problems.push(`${key} must be ${check[1]}`);
    else out[key] = value;
  }
  if (problems.length > 0) throw new TypeError(`faults: ${problems.join('; ')}`);
  return out as Partial<Faults>;
}
