import { PACE_RANGE_WPM, type MetricRow } from '../../../../shared/domain/compare';
import { formatDuration, formatSeconds } from '../../lib/format';
import { DIMENSION_LABELS, formatScore } from '../review/scores';

// The table under both comparisons (two sessions, two takes): each figure, the better one
// marked, and B − A.

const ROW_LABELS: Record<MetricRow['id'], string> = {
  overall: 'AI overall score',
  weighted: 'Weighted overall',
  ...DIMENSION_LABELS,
  reviewer: 'Your rating',
  length: 'Length',
  talkTime: 'Talk time',
  talkShare: 'Share of time talking',
  pace: 'Pace',
  fillers: 'Filler words',
  longPauses: 'Long pauses',
  latency: 'Response latency',
};

const ROW_HINTS: Partial<Record<MetricRow['id'], string>> = {
  pace: `${PACE_RANGE_WPM[0]}–${PACE_RANGE_WPM[1]} wpm is best`,
  fillers: 'per minute of talk; fewer is better',
  longPauses: 'fewer is better',
  latency: 'from question to answer; sooner is better',
};

/** Short spans (a take, a latency) read better with tenths of a second. */
const SHORT_SPANS: ReadonlySet<MetricRow['id']> = new Set(['latency', 'length', 'talkTime']);

function formatValue(row: MetricRow, value: number | null): string {
  if (value === null) return '—';
  switch (row.unit) {
    case 'score':
      return `${formatScore(value)}/10`;
    case 'stars':
      return `${value}★`;
    case 'duration':
      return SHORT_SPANS.has(row.id) && value < 60_000 ? formatSeconds(value) : formatDuration(value);
    case 'percent':
      return `${Math.round(value * 100)}%`;
    case 'wpm':
      return `${Math.round(value)} wpm`;
    case 'perMinute':
      return `${value.toFixed(1)}/min`;
    case 'count':
      return String(value);
  }
}

function formatDifference(row: MetricRow): string {
  const d = row.difference;
  if (d === null) return '';
  if (Math.abs(d) < 1e-9) return '=';
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const text = row.unit === 'percent' ? `${Math.round(abs * 100)} pts` : formatValue(row, abs).replace('/10', '').replace('★', '');
  // A difference too small to show ("−0 pts") is not a sign of anything.
  return /^0(\.0+)?(?![.\d])/.test(text) ? `≈ ${text}` : `${sign}${text}`;
}

interface Props {
  rows: MetricRow[];
  /** The column heads of side A and side B. */
  titles: [string, string];
  /** Hints that read differently for this comparison (a take's latency starts at the take). */
  hints?: Partial<Record<MetricRow['id'], string>>;
}

export function DifferencesTable({ rows, titles, hints }: Props) {
  const cell = (row: MetricRow, side: 0 | 1) => (
    <td className={row.better === side ? 'better' : undefined} data-better={row.better === side || undefined} data-value={row.value[side] ?? ''}>
      {formatValue(row, row.value[side])}
      {row.better === side && <span className="better-mark" aria-label="better"> ▲</span>}
    </td>
  );
  return (
    <table className="compare-table" data-testid="compare-table">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">A · {titles[0]}</th>
          <th scope="col">B · {titles[1]}</th>
          <th scope="col">B − A</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const hint = hints?.[row.id] ?? ROW_HINTS[row.id];
          return (
            <tr key={row.id} data-testid="compare-row" data-metric={row.id} data-better={row.better ?? ''}>
              <th scope="row">
                {ROW_LABELS[row.id]}
                {hint && <span className="hint"> {hint}</span>}
              </th>
              {cell(row, 0)}
              {cell(row, 1)}
              <td className="mono muted">{formatDifference(row)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
