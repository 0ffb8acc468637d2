import { useEffect } from 'react';
import { routes } from '../../app/router';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { LibraryActions } from '../export/ImportDialog';
import { SessionRow } from './SessionRow';
import { useLibraryStore } from './store';

export function LibraryScreen() {
  const status = useLibraryStore((s) => s.status);
  const sessions = useLibraryStore((s) => s.sessions);
  const error = useLibraryStore((s) => s.error);
  const load = useLibraryStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Sessions</h1>
          <p className="muted">Every interview recorded on this computer.</p>
        </div>
        <div className="header-actions">
          <LibraryActions hasSessions={sessions.length > 0} onImported={() => void load()} />
          {sessions.length > 0 && (
            <a className="btn btn-primary" href={routes.setup()}>
              New interview
            </a>
          )}
        </div>
      </div>
      {status === 'loading' && <LoadingState label="Loading interviews…" />}
      {status === 'error' && <ErrorState message={error ?? 'Could not load the interviews.'} onRetry={() => void load()} />}
      {status === 'ready' && sessions.length === 0 && (
        <EmptyState
          title="No interviews yet"
          action={
            <a className="btn btn-primary btn-large" href={routes.setup()} data-testid="start-first">
              Start your first interview
            </a>
          }
        >
          Record a practice interview with yourself, or interview a candidate. Everything stays on this computer.
        </EmptyState>
      )}
      {status === 'ready' && sessions.length > 0 && (
        <ul className="session-list" aria-label="Interviews">
          {sessions.map((summary) => (
            <SessionRow key={summary.session.id} summary={summary} />
          ))}
        </ul>
      )}
    </div>
  );
}
