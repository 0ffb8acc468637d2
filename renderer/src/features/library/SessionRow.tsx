import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import { DECISION_LABELS, type LibraryRow } from '../../../../shared/domain/library';
import { useInfoStore } from '../../app/infoStore';
import { routes } from '../../app/router';
import { formatDate, formatDuration } from '../../lib/format';
import { StatusBadge } from '../../ui/StatusBadge';
import '../kits/kits.css';

export function SessionRow({ row, onDelete }: { row: LibraryRow; onDelete: (row: LibraryRow) => void }) {
  const mediaBaseUrl = useInfoStore((s) => s.info?.mediaBaseUrl);
  return (
    <div className="library-row" data-testid="session-row" data-session-id={row.id}>
      <a className="library-row-link" href={routes.session(row.id)}>
        <span className="library-thumb" aria-hidden="true">
          {row.thumbnailPath && mediaBaseUrl ? <img src={mediaBaseUrl + row.thumbnailPath} alt="" loading="lazy" /> : null}
        </span>
        <span className="library-cell library-main">
          <span className="library-title">{row.candidateName}</span>
          <span className="muted library-sub">
            {row.jobTitle || 'No position'}
            {row.company ? ` at ${row.company}` : ''}
            {row.kitName && (
              <span className="tag tag-kit library-kit" title="Recorded from this interview kit" data-testid="session-kit">
                Kit: {row.kitName}
              </span>
            )}
          </span>
        </span>
        <span className="library-cell">{INTERVIEW_TYPE_LABELS[row.interviewType]}</span>
        <span className="library-cell">{formatDate(row.date)}</span>
        <span className="library-cell library-num">{formatDuration(row.durationMs)}</span>
        <span className="library-cell">
          <StatusBadge status={row.status} />
        </span>
        <span className="library-cell library-num" title="AI overall score (0–10)">
          {row.score === null ? '—' : row.score.toFixed(1)}
        </span>
        <span className="library-cell">
          {row.decision ? <span className={`decision decision-${row.decision}`}>{DECISION_LABELS[row.decision]}</span> : <span className="muted">—</span>}
        </span>
      </a>
      <button
        type="button"
        className="btn btn-small btn-ghost library-delete"
        title="Delete this interview"
        aria-label={`Delete the interview of ${row.candidateName}`}
        data-testid="delete-session"
        onClick={() => onDelete(row)}
      >
        Delete
      </button>
    </div>
  );
}

/** Holds a row's place while its page loads. */
export function PlaceholderRow() {
  return (
    <div className="library-row library-row-placeholder" aria-hidden="true">
      <span className="library-thumb" />
      <span className="library-bar" />
    </div>
  );
}
