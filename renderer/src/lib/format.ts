import type { SessionStatus } from '../../../shared/domain/enums';

// Shared with main (the PDF report, the CLI).
import { formatClock, formatDuration } from '../../../shared/domain/format';

export { formatClock, formatDuration };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDate(epochMs: number): string {
  return dateFormat.format(epochMs);
}

export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  interrupted: 'Recovered',
};

/** A short span with one decimal under a minute: 3_140 → "3.1 s", 95_000 → "1 min 35 s". */
export function formatSeconds(ms: number): string {
  if (ms >= 60_000) return formatDuration(ms);
  const s = ms / 1000;
  return `${s < 9.95 ? Number(s.toFixed(1)) : Math.round(s)} s`;
}

/** The time a running step still needs: "about 2 min left", "12 s left", "almost done". */
export function formatTimeLeft(ms: number): string {
  if (ms < 1500) return 'almost done';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s left`;
  return `about ${Math.round(ms / 60_000)} min left`;
}

/** 12_345_678 → "12.3 MB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "1 pause", "2 pauses". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
