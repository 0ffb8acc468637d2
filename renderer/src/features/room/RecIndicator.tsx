import { formatClock } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { isLive, useRoomStore } from './store';

export function RecIndicator() {
  const startedAt = useRoomStore((s) => s.recordingStartedAt);
  const phase = useRoomStore((s) => s.phase);
  const live = startedAt !== null && isLive(phase);
  const now = useNow(live, 500);
  if (!live) return null;
  return (
    <div className="rec" data-testid="rec-indicator" role="status" aria-label="Recording">
      <span className="rec-dot" aria-hidden="true" />
      <span className="rec-label">REC</span>
      <span className="rec-time" data-testid="elapsed">
        {formatClock(now - startedAt)}
      </span>
    </div>
  );
}
