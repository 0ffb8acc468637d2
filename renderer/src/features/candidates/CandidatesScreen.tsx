import { useEffect, useState } from 'react';
import { DECISION_LABELS, type CandidateOverview } from '../../../../shared/domain/library';
import type { Candidate } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { formatDate } from '../../lib/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useLibraryStore } from '../library/store';
import { CandidateDialog } from './CandidateDialog';
import { useCandidatesStore } from './store';
import './candidates.css';

export function CandidatesScreen() {
  const status = useCandidatesStore((s) => s.status);
  const error = useCandidatesStore((s) => s.error);
  const candidates = useCandidatesStore((s) => s.candidates);
  const load = useCandidatesStore((s) => s.load);
  const remove = useCandidatesStore((s) => s.remove);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const [editing, setEditing] = useState<Candidate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CandidateOverview | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const showSessions = (id: string) => {
    setFilters({ candidateId: id });
    navigate(routes.library());
  };

  return (
    <div className="page candidates">
      <div className="page-header">
        <div>
          <h1>Candidates</h1>
          <p className="muted">Everyone interviewed on this computer, with their sessions, scores and decisions.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="new-candidate">
          New candidate
        </button>
      </div>
      {status === 'loading' && <LoadingState label="Loading candidates…" />}
      {status === 'error' && <ErrorState message={error ?? 'Could not load the candidates.'} onRetry={() => void load()} />}
      {status === 'ready' && candidates.length === 0 && (
        <EmptyState title="No candidates yet">Add a candidate before interviewing them, or start a practice interview for yourself.</EmptyState>
      )}
      {status === 'ready' && candidates.length > 0 && (
        <table className="candidates-table" aria-label="Candidates">
          <thead>
            <tr>
              <th>Name</th>
              <th>Position</th>
              <th className="num">Sessions</th>
              <th className="num">Average score</th>
              <th>Decision</th>
              <th>Last interview</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {candidates.map((o) => (
              <tr key={o.candidate.id} data-testid="candidate-row">
                <td>
                  <span className="candidate-name">{o.candidate.name}</span>
                  {o.candidate.isSelf && <span className="badge">You</span>}
                  {o.candidate.email && <span className="muted candidate-email">{o.candidate.email}</span>}
                </td>
                <td>{o.candidate.position ?? <span className="muted">—</span>}</td>
                <td className="num">{o.sessionCount}</td>
                <td className="num">{o.averageScore === null ? '—' : o.averageScore.toFixed(1)}</td>
                <td>
                  {o.latestDecision ? (
                    <span className={`decision decision-${o.latestDecision}`}>{DECISION_LABELS[o.latestDecision]}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="candidate-date">{o.lastSessionAt === null ? <span className="muted">Never</span> : formatDate(o.lastSessionAt)}</td>
                <td className="candidate-actions">
                  <button type="button" className="btn btn-small" disabled={o.sessionCount === 0} onClick={() => showSessions(o.candidate.id)}>
                    Sessions
                  </button>
                  <a className="btn btn-small" href={routes.dashboard(o.candidate.id)}>
                    Progress
                  </a>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(o.candidate)} data-testid="edit-candidate">
                    Edit
                  </button>
                  <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setDeleting(o)} data-testid="delete-candidate">
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <CandidateDialog candidate={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.candidate.name}?`}
          confirmLabel="Delete candidate"
          busyLabel="Deleting…"
          onConfirm={() => remove(deleting.candidate.id)}
          onClose={() => setDeleting(null)}
        >
          {deleting.sessionCount > 0
            ? `Their ${deleting.sessionCount} interview${deleting.sessionCount === 1 ? '' : 's'}, with recordings, transcripts, scores and reviews, will be removed from this computer too. `
            : ''}
          This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
