import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { questionAnnouncements } from '../../ui/sortableAnnouncements';
import { useEffect } from 'react';
import { INTERVIEW_TYPES, INTERVIEW_TYPE_LABELS, type InterviewType } from '../../../../shared/domain/enums';
import type { QuestionSet } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { formatDuration } from '../../lib/format';
import { ErrorState, LoadingState, Notice, Spinner } from '../../ui/states';
import { QuestionCard } from './QuestionCard';
import { DuplicateButton } from './QuestionSetsScreen';
import { isDirty, NEW_SET, useEditorStore, useQuestionSetsStore } from './store';
import './questionSets.css';

function rulesOf(q: QuestionSet['questions'][number]): string {
  const parts = [
    q.thinkTimeMs > 0 ? `${formatDuration(q.thinkTimeMs)} to think` : null,
    q.answerLimitMs !== null ? `${formatDuration(q.answerLimitMs)} to answer` : null,
    q.retakesAllowed > 0 ? `${q.retakesAllowed} retake${q.retakesAllowed === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'No time limits';
}

/** A built-in set or one from a kit: read-only, with the way to an editable copy. */
function BuiltInView({ set }: { set: QuestionSet }) {
  const actionError = useQuestionSetsStore((s) => s.actionError);
  return (
    <div className="page qs-page">
      <div className="page-header">
        <div>
          <a href={routes.questionSets()} className="qs-back">
            ← Question sets
          </a>
          <h1>{set.name}</h1>
          <p className="muted">{set.description}</p>
        </div>
        <DuplicateButton setId={set.id} className="btn btn-primary">
          Duplicate to edit
        </DuplicateButton>
      </div>
      <Notice tone="info">
        {set.kit
          ? `This set came in an interview kit from ${set.kit.sender || 'a hiring manager'}: its questions and rules are the kit’s and cannot be changed. Duplicate it to make your own copy.`
          : 'This set comes with the app and cannot be changed. Duplicate it to make your own copy.'}
      </Notice>
      {set.instructions && (
        <p className="hint">
          <strong>Instructions:</strong> {set.instructions}
        </p>
      )}
      {actionError && <Notice tone="error">{actionError}</Notice>}
      <section className="card">
        <h2>{set.questions.length} questions</h2>
        <ol className="question-preview">
          {set.questions.map((q) => (
            <li key={q.id}>
              <span className="question-preview-text">{q.text}</span>
              <span className="tags">
                <span className="tag">{q.category}</span>
                <span className={`tag tag-${q.difficulty}`}>{q.difficulty}</span>
                <span className="tag">{rulesOf(q)}</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export function QuestionSetEditor({ setId }: { setId: string }) {
  const state = useEditorStore();
  const dirty = useEditorStore(isDirty);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const { open, save } = state;

  useEffect(() => {
    void open(setId);
  }, [open, setId]);

  const saveAndStay = async () => {
    const id = await save();
    // A new set gets its own address once it exists.
    if (id && setId === NEW_SET) navigate(routes.questionSet(id));
  };

  // Ctrl/Cmd+S saves, as in any editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveAndStay();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (state.status === 'loading' || state.setId !== setId) return <LoadingState label="Opening the question set…" />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <ErrorState message={state.loadError ?? 'Could not open this question set.'} onRetry={() => void open(setId)} />
        <p className="state">
          <a href={routes.questionSets()}>Back to question sets</a>
        </p>
      </div>
    );
  }
  if (state.saved?.builtIn || state.saved?.kit) return <BuiltInView set={state.saved} />;

  const { draft, errors } = state;
  const onDragEnd = (event: DragEndEvent) => {
    const from = draft.questions.findIndex((q) => q.key === event.active.id);
    const to = draft.questions.findIndex((q) => q.key === event.over?.id);
    if (from >= 0 && to >= 0) void state.move(from, to);
  };
  const announcements = questionAnnouncements((id) => draft.questions.findIndex((q) => q.key === id) + 1);
  const addQuestion = () => {
    const key = state.addQuestion();
    requestAnimationFrame(() => document.getElementById(`q-${key}-text`)?.focus());
  };

  return (
    <form
      className="page qs-page"
      onSubmit={(e) => {
        e.preventDefault();
        void saveAndStay();
      }}
    >
      <div className="page-header">
        <div>
          <a href={routes.questionSets()} className="qs-back">
            ← Question sets
          </a>
          <h1>{state.saved ? state.saved.name : 'New question set'}</h1>
        </div>
      </div>
      {state.restored && (
        <Notice tone="info">
          Your unsaved changes from last time are back. Save them, or discard them to return to the saved set.
        </Notice>
      )}
      {state.saveError && <Notice tone="error">{state.saveError}</Notice>}

      <section className="card" aria-labelledby="set-details">
        <h2 id="set-details">About this set</h2>
        <div className="qs-grid">
          <div className="field qs-wide">
            <label htmlFor="set-name">Name</label>
            <input
              id="set-name"
              data-testid="set-name"
              maxLength={200}
              value={draft.name}
              onChange={(e) => state.edit({ name: e.target.value })}
              aria-invalid={errors.name ? true : undefined}
            />
            {errors.name && <p className="field-error">{errors.name}</p>}
          </div>
          <div className="field">
            <label htmlFor="set-type">Interview type</label>
            <select id="set-type" data-testid="set-type" value={draft.interviewType} onChange={(e) => state.edit({ interviewType: e.target.value as InterviewType })}>
              {INTERVIEW_TYPES.map((t) => (
                <option key={t} value={t}>
                  {INTERVIEW_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="set-description">Description</label>
          <textarea id="set-description" rows={2} maxLength={2000} value={draft.description} onChange={(e) => state.edit({ description: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="set-instructions">Instructions for the candidate</label>
          <textarea
            id="set-instructions"
            data-testid="set-instructions"
            rows={3}
            maxLength={4000}
            placeholder="Shown before the first question, e.g. how long answers should be or what to prepare."
            value={draft.instructions}
            onChange={(e) => state.edit({ instructions: e.target.value })}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="set-questions">
        <div className="card-title">
          <h2 id="set-questions">Questions</h2>
          <span className="muted">{draft.questions.length}</span>
        </div>
        <p className="hint">
          Drag a question by its handle to reorder it (or focus the handle, press Space and use the arrow keys). Think time counts down before
          the answer; at the answer limit the interview moves on by itself. Practice interviews allow any number of retakes.
        </p>
        {errors.questions && <p className="field-error">{errors.questions}</p>}
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
          <SortableContext items={draft.questions.map((q) => q.key)} strategy={verticalListSortingStrategy}>
            <ol className="qs-questions">
              {draft.questions.map((question, index) => (
                <QuestionCard key={question.key} question={question} index={index} total={draft.questions.length} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        <div>
          <button type="button" className="btn" data-testid="add-question" onClick={addQuestion}>
            Add question
          </button>
        </div>
      </section>
      <div className="qs-savebar">
        <span className="qs-status" role="status" data-testid="save-status">
          {state.saving ? (
            <>
              <Spinner size="sm" /> Saving…
            </>
          ) : dirty ? (
            'Unsaved changes'
          ) : (
            state.savedNotice
          )}
        </span>
        <span className="hint">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> saves
        </span>
        {dirty && (
          <button type="button" className="btn" data-testid="discard-changes" onClick={state.discard}>
            Discard changes
          </button>
        )}
        <button type="submit" className="btn btn-primary" data-testid="save-set" disabled={state.saving || (!dirty && state.saved !== null)}>
          Save
        </button>
      </div>
    </form>
  );
}
