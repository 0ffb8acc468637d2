import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import type { SessionDetail } from '../../../../shared/domain/types';
import { formatDate, formatDuration, formatTime } from '../../lib/format';
import { routes } from '../../app/router';
import { StatusBadge } from '../../ui/StatusBadge';
import { ConsentFact } from '../consent/ConsentFact';
import { ExportButton } from '../export/ExportDialog';
import { ProcessingFact } from './ProcessingCard';

function statusText(detail: SessionDetail): string | null {
  if (detail.session.status !== 'interrupted') return null;
  const at = detail.recording?.interruptedAt;
  return at
    ? `Recovered after an interruption — recording stopped at ${formatTime(at)}`
    : 'Recovered after an interruption';
}

export function SessionHeader({ detail }: { detail: SessionDetail }) {
  const { session, candidate } = detail;
  const recovered = statusText(detail);
  return (
    <div className="page-header session-header">
      <div>
        <h1>{candidate.name}</h1>
        <p className="muted">
          {INTERVIEW_TYPE_LABELS[session.interviewType]} · {session.jobTitle}
          {session.company ? ` at ${session.company}` : ''} · {session.mode === 'practice' ? 'Practice' : 'Assessment'}
        </p>
      </div>
      <dl className="facts">
        <div>
          <dt>Date</dt>
          <dd>{formatDate(session.startedAt ?? session.createdAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(session.durationMs ?? detail.recording?.durationMs ?? null)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="session-status" data-status={session.status}>
            {recovered ? <span className="recovered-text">{recovered}</span> : <StatusBadge status={session.status} />}
          </dd>
        </div>
        <ProcessingFact />
        <ConsentFact detail={detail} />
      </dl>
      <div className="session-header-actions">
        <a className="btn btn-small" href={routes.compare(session.id)} data-testid="compare-link">
          Compare…
        </a>
        <ExportButton detail={detail} />
      </div>
    </div>
  );
}
