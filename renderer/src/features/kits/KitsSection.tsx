import { useEffect } from 'react';
import { MODE_LABELS } from '../../../../shared/domain/enums';
import type { KitSummary } from '../../../../shared/domain/kits';
import { routes } from '../../app/router';
import { formatDate } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useKitsStore } from './store';
import './kits.css';

// The Question sets page's kits: the ones sent (with who has returned their interview) and the
// ones received (with the interviews recorded from them).

function KitRow({ kit }: { kit: KitSummary }) {
  const sent = kit.origin === 'exported';
  return (
    <li className="kit-row" data-testid="kit-row">
      <div className="kit-row-main">
        <span className="kit-row-name">{kit.name}</span>
        <span className="tags">
          <span className={`tag ${sent ? 'tag-kit-sent' : 'tag-kit'}`}>{sent ? 'Sent' : 'Received'}</span>
          <span className="tag">{kit.jobTitle}</span>
          <span className="tag">{MODE_LABELS[kit.mode]}</span>
        </span>
        <span className="muted kit-row-meta">
          {sent ? `For ${kit.candidate?.name ?? 'anyone'}` : `From ${kit.sender || 'a hiring manager'}`} · {formatDate(kit.createdAt)}
        </span>
      </div>
      <div className="kit-returns" data-testid="kit-returns">
        {kit.returns.length === 0 ? (
          <span className="muted">
            {sent ? (
              <>
                No interview back yet: import the bundle the candidate sends you on the <a href={routes.library()}>Sessions</a> page.
              </>
            ) : (
              'Not recorded yet.'
            )}
          </span>
        ) : (
          <ul>
            {kit.returns.map((r) => (
              <li key={r.sessionId}>
                <a href={routes.session(r.sessionId)}>
                  {sent ? `Returned by ${r.candidateName}` : `Recorded as ${r.candidateName}`}
                </a>{' '}
                <span className="muted">{formatDate(r.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

export function KitsSection() {
  const kits = useKitsStore((s) => s.kits);
  const load = useKitsStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="kits-heading" data-testid="kits">
      <h2 id="kits-heading">Interview kits</h2>
      {kits.status === 'loading' && <LoadingState label="Loading kits…" />}
      {kits.status === 'error' && <ErrorState message={kits.message} onRetry={() => void load()} />}
      {kits.status === 'ready' &&
        (kits.value.length ? (
          <ul className="kit-list">
            {kits.value.map((kit) => (
              <KitRow key={kit.id} kit={kit} />
            ))}
          </ul>
        ) : (
          <EmptyState title="No kits yet">
            Send a set to a candidate with “Export as kit…”: they record it under its rules and send the interview back. A kit you receive is imported with “Import kit…”.
          </EmptyState>
        ))}
    </section>
  );
}
