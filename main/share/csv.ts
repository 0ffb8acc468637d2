import type BetterSqlite3 from 'better-sqlite3';

// The library as CSV for HR systems: RFC 4180 (CRLF, quotes doubled, fields with a comma, quote
// or line break quoted) with a UTF-8 byte-order mark for spreadsheets, and formula injection
// defused: a cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe,
// so a candidate named "=HYPERLINK(...)" stays text.

export const LIBRARY_CSV_COLUMNS = ['Candidate', 'Email', 'Interview type', 'Job title', 'Company', 'Date', 'Duration (s)', 'Status', 'AI overall', 'Decision'] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly (string | number | null)[]): string => cells.map(csvCell).join(',');

export function libraryCsv(db: BetterSqlite3.Database): string {
  const rows = db
    .prepare(
      `SELECT c.name, c.email, s.interview_type, s.job_title, s.company, coalesce(s.started_at, s.created_at) AS at,
              s.duration_ms, s.status, e.overall, r.decision
       FROM sessions s
       JOIN candidates c ON c.id = s.candidate_id
       LEFT JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
       LEFT JOIN reviews r ON r.session_id = s.id
       ORDER BY s.created_at DESC`,
    )
    .all() as { name: string; email: string | null; interview_type: string; job_title: string; company: string | null; at: number; duration_ms: number | null; status: string; overall: number | null; decision: string | null }[];
  const lines = [
    csvRow(LIBRARY_CSV_COLUMNS),
    ...rows.map((r) =>
      csvRow([r.name, r.email, r.interview_type, r.job_title, r.company, new Date(r.at).toISOString(), r.duration_ms === null ? null : Math.round(r.duration_ms / 1000), r.status, r.overall, r.decision]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
