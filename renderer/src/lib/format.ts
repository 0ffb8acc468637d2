import type { SessionStatus } from '../../../shared/domain/enums';

/** 75_000 → "01:15"; an hour or more → "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A duration in words for headers and lists: "12 min 4 s", "45 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

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
