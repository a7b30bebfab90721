import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { RunStatus } from '../state/runs.ts';

const LABELS: Record<RunStatus | 'pending', MessageKey> = {
  pending: 'statusPending',
  queued: 'statusQueued',
  running: 'statusRunning',
  completed: 'statusCompleted',
  failed: 'statusFailed',
  skipped: 'statusSkipped',
};

/** A run's status, or a step's (`pending`: not begun). */
export function StatusBadge({ status }: { status: RunStatus | 'pending' }) {
  const { t } = useI18n();
  return <span class={`run-status ${status}`}>{t(LABELS[status])}</span>;
}
