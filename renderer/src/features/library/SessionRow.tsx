import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import type { SessionSummary } from '../../../../shared/domain/types';
import { routes } from '../../app/router';
import { formatDate, formatDuration } from '../../lib/format';
import { StatusBadge } from '../../ui/StatusBadge';

export function SessionRow({ summary }: { summary: SessionSummary }) {
  const { session, candidateName, questionCount, answeredCount } = summary;
  return (
    <li>
      <a className="session-row" href={routes.session(session.id)} data-testid="session-row">
        <span className="session-row-main">
          <span className="session-row-title">{candidateName}</span>
          <span className="muted">
            {INTERVIEW_TYPE_LABELS[session.interviewType]} · {session.jobTitle}
            {session.company ? ` at ${session.company}` : ''}
          </span>
        </span>
        <span className="session-row-date">{formatDate(session.startedAt ?? session.createdAt)}</span>
        <span className="session-row-duration">{formatDuration(session.durationMs)}</span>
        <span className="session-row-count" title="Questions answered">
          {answeredCount}/{questionCount} answered
        </span>
        <StatusBadge status={session.status} />
      </a>
    </li>
  );
}
