import { useEffect, useState, type ReactNode } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import type { QuestionSet } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { EmptyState, ErrorState, LoadingState, Notice } from '../../ui/states';
import { KitExportButton } from '../kits/KitExportDialog';
import { KitImportButton } from '../kits/KitImportDialog';
import { KitsSection } from '../kits/KitsSection';
import { hasDraft, useQuestionSetsStore } from './store';
import './questionSets.css';

/** Makes an editable copy of the set and opens it. */
export function DuplicateButton({ setId, className, children }: { setId: string; className: string; children: ReactNode }) {
  const busy = useQuestionSetsStore((s) => s.busyId === setId);
  const duplicate = useQuestionSetsStore((s) => s.duplicate);
  return (
    <button
      type="button"
      className={className}
      data-testid="duplicate-set"
      disabled={busy}
      onClick={() =>
        void duplicate(setId).then((id) => {
          if (id) navigate(routes.questionSet(id));
        })
      }
    >
      {children}
    </button>
  );
}

function SetRow({ set }: { set: QuestionSet }) {
  const busy = useQuestionSetsStore((s) => s.busyId === set.id);
  const remove = useQuestionSetsStore((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const timed = set.questions.some((q) => q.thinkTimeMs > 0 || q.answerLimitMs !== null);

  return (
    <li className="qs-row" data-testid="question-set-row">
      <div className="qs-row-main">
        <a className="qs-row-name" href={routes.questionSet(set.id)}>
          {set.name}
        </a>
        <span className="tags">
          <span className="tag">{INTERVIEW_TYPE_LABELS[set.interviewType]}</span>
          <span className="tag">
            {set.questions.length} question{set.questions.length === 1 ? '' : 's'}
          </span>
          {timed && <span className="tag">Timed</span>}
          {set.kit && <span className="tag tag-kit">Kit from {set.kit.sender || 'a hiring manager'}</span>}
          {!set.builtIn && !set.kit && hasDraft(set.id) && <span className="tag tag-unsaved">Unsaved changes</span>}
        </span>
      </div>
      <div className="row">
        {confirming ? (
          <>
            <span className="muted">Delete “{set.name}”? Past interviews keep their questions.</span>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              data-testid="confirm-delete-set"
              disabled={busy}
              onClick={() => void remove(set.id)}
            >
              Delete
            </button>
          </>
        ) : (
          <>
            <a className="btn btn-small" href={routes.questionSet(set.id)}>
              {set.builtIn || set.kit ? 'View' : 'Edit'}
            </a>
            {!set.kit && <KitExportButton set={set} />}
            <DuplicateButton setId={set.id} className="btn btn-small">
              Duplicate
            </DuplicateButton>
            {!set.builtIn && (
              <button type="button" className="btn btn-small btn-danger-outline" disabled={busy} onClick={() => setConfirming(true)}>
                Delete
              </button>
            )}
          </>
        )}
      </div>
    </li>
  );
}

export function QuestionSetsScreen() {
  const sets = useQuestionSetsStore((s) => s.sets);
  const load = useQuestionSetsStore((s) => s.load);
  const actionError = useQuestionSetsStore((s) => s.actionError);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page qs-page">
      <div className="page-header">
        <div>
          <h1>Question sets</h1>
          <p className="muted">Write your own sets with think time, answer limits and retakes, or duplicate a built-in set to adapt it.</p>
        </div>
        <div className="header-actions">
          <KitImportButton onImported={() => void load()} />
          <a className="btn btn-primary" href={routes.newQuestionSet()} data-testid="new-question-set">
            New set
          </a>
        </div>
      </div>
      {actionError && <Notice tone="error">{actionError}</Notice>}
      {sets.status === 'loading' && <LoadingState label="Loading question sets…" />}
      {sets.status === 'error' && <ErrorState message={sets.message} onRetry={() => void load()} />}
      {sets.status === 'ready' && (
        <>
          <section className="card" aria-labelledby="custom-sets">
            <h2 id="custom-sets">Your sets</h2>
            {sets.value.some((s) => !s.builtIn) ? (
              <ul className="qs-list" data-testid="custom-sets">
                {sets.value.filter((s) => !s.builtIn).map((set) => (
                  <SetRow key={set.id} set={set} />
                ))}
              </ul>
            ) : (
              <EmptyState title="No sets of your own yet">
                Start a new set, or duplicate one of the built-in sets below and change what you need.
              </EmptyState>
            )}
          </section>
          <KitsSection />
          <section className="card" aria-labelledby="builtin-sets">
            <h2 id="builtin-sets">Built-in sets</h2>
            <p className="hint">These come with the app and cannot be changed; duplicate one to edit a copy.</p>
            <ul className="qs-list" data-testid="builtin-sets">
              {sets.value.filter((s) => s.builtIn).map((set) => (
                <SetRow key={set.id} set={set} />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
