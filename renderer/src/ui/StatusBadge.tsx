import type { SessionStatus } from '../../../shared/domain/enums';
import { SESSION_STATUS_LABELS } from '../lib/format';

export function StatusBadge({ status }: { status: SessionStatus }) {
  return <span className={`badge badge-${status}`}>{SESSION_STATUS_LABELS[status]}</span>;
}
