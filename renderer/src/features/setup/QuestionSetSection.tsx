import { useEffect } from 'react';
import { INTERVIEW_TYPE_LABELS, MODE_LABELS } from '../../../../shared/domain/enums';
import '../kits/kits.css';
import { routes } from '../../app/router';
import { formatDuration } from '../../lib/format';
import { ErrorState, Spinner } from '../../ui/states';
import { useSetupStore } from './store';

export function QuestionSetSection({ error }: { error: string | null }) {
  const questionSets = useSetupStore((s) => s.questionSets);
  const questionSetId = useSetupStore((s) => s.form.questionSetId);
  const update = useSetupStore((s) => s.update);
  const load = useSetupStore((s) => s.loadQuestionSets);

  useEffect(() => {
    void load();
  }, [load]);

  if (questionSets.status === 'loading') {
    return (
      <section className="card">
        <h2>Questions</h2>
        <p className="muted">
          <Spinner size="sm" /> Loading question sets…
        </p>
      </section>
    );
  }
  if (questionSets.status === 'error') {
    return (
      <section className="card">
        <h2>Questions</h2>
        <ErrorState message={questionSets.message} onRetry={() => void load()} />
      </section>
    );
  }

  const selected = questionSets.items.find((set) => set.id === questionSetId);
  return (
    <section className="card" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      {questionSets.items.length === 0 ? (
        <p className="muted">No question sets are available. Reinstall the app to restore the built-in sets.</p>
      ) : (
        <div className="field">
          <label htmlFor="question-set">Question set</label>
          <select
            id="question-set"
            data-testid="question-set"
            value={questionSetId}
            onChange={(e) => update({ questionSetId: e.target.value, questionSetChosen: true })}
          >
            {[
              { label: 'Built-in sets', sets: questionSets.items.filter((set) => set.builtIn) },
              { label: 'Your sets', sets: questionSets.items.filter((set) => !set.builtIn && !set.kit) },
              { label: 'Interview kits', sets: questionSets.items.filter((set) => set.kit) },
            ]
              .filter((group) => group.sets.length > 0)
              .map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.sets.map((set) => (
                    <option key={set.id} value={set.id}>
                      {set.name} ({INTERVIEW_TYPE_LABELS[set.interviewType]})
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
          <p className="hint">
            <a href={routes.questionSets()}>Write your own question set</a> with think time, answer limits and retakes.
          </p>
          {error && <p className="field-error">{error}</p>}
        </div>
      )}
      {selected?.kit && (
        <div className="kit-banner" data-testid="kit-banner">
          <strong>Interview from {selected.kit.sender || 'a hiring manager'}</strong>
          <p className="muted">
            {selected.kit.jobTitle} · {MODE_LABELS[selected.kit.mode]}
            {selected.kit.candidate ? ` · for ${selected.kit.candidate.name}` : ''}. The kit’s questions, think time, answer limits and retakes apply as sent.
          </p>
        </div>
      )}
      {selected && (
        <>
          {selected.description && !selected.kit && <p className="hint">{selected.description}</p>}
          {selected.instructions && (
            <p className="hint" data-testid="set-instructions-preview">
              <strong>Instructions:</strong> {selected.instructions}
            </p>
          )}
          <ol className="question-preview" data-testid="question-preview">
            {selected.questions.map((question) => (
              <li key={question.id}>
                <span className="question-preview-text">{question.text}</span>
                <span className="tags">
                  <span className="tag">{question.category}</span>
                  <span className={`tag tag-${question.difficulty}`}>{question.difficulty}</span>
                  {question.thinkTimeMs > 0 && <span className="tag">{formatDuration(question.thinkTimeMs)} to think</span>}
                  {question.answerLimitMs !== null && <span className="tag">{formatDuration(question.answerLimitMs)} to answer</span>}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
