import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { DIFFICULTIES } from '../../../../shared/domain/enums';
import { questionError, type DraftQuestion, type QuestionField } from './draft';
import { useEditorStore } from './store';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** One question of the set being edited: its text, tags, what to look for and its timing rules. */
export function QuestionCard({ question, index, total }: { question: DraftQuestion; index: number; total: number }) {
  const edit = useEditorStore((s) => s.editQuestion);
  const remove = useEditorStore((s) => s.removeQuestion);
  const errors = useEditorStore((s) => s.errors);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: question.key,
  });
  const id = (field: string) => `q-${question.key}-${field}`;
  const error = (field: QuestionField) => errors[questionError(question.key, field)];
  const invalid = (field: QuestionField) =>
    error(field) ? { 'aria-invalid': true, 'aria-describedby': id(`${field}-error`) } : {};

  return (
    <li
      ref={setNodeRef}
      className={`qs-question ${isDragging ? 'dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="question-card"
    >
      <div className="qs-question-head">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="qs-handle"
          data-testid="drag-handle"
          aria-label={`Move question ${index + 1} of ${total}: drag, or press Space then the arrow keys`}
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⋮⋮</span>
        </button>
        <span className="qs-question-number">Question {index + 1}</span>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="delete-question"
          disabled={total === 1}
          title={total === 1 ? 'A set needs at least one question.' : undefined}
          onClick={() => remove(question.key)}
        >
          Delete
        </button>
      </div>
      <div className="field">
        <label htmlFor={id('text')}>Question</label>
        <textarea
          id={id('text')}
          data-testid="question-text"
          rows={2}
          maxLength={500}
          value={question.text}
          onChange={(e) => edit(question.key, { text: e.target.value })}
          {...invalid('text')}
        />
        <FieldError id={id('text-error')} message={error('text')} />
      </div>
      <div className="qs-question-grid">
        <div className="field">
          <label htmlFor={id('category')}>Category</label>
          <input id={id('category')} maxLength={100} value={question.category} onChange={(e) => edit(question.key, { category: e.target.value })} {...invalid('category')} />
          <FieldError id={id('category-error')} message={error('category')} />
        </div>
        <div className="field">
          <label htmlFor={id('difficulty')}>Difficulty</label>
          <select
            id={id('difficulty')}
            value={question.difficulty}
            onChange={(e) => edit(question.key, { difficulty: e.target.value as DraftQuestion['difficulty'] })}
          >
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('think')}>Think time (s)</label>
          <input id={id('think')} data-testid="think-seconds" inputMode="decimal" value={question.thinkSeconds} onChange={(e) => edit(question.key, { thinkSeconds: e.target.value })} {...invalid('thinkSeconds')} />
          <FieldError id={id('thinkSeconds-error')} message={error('thinkSeconds')} />
        </div>
        <div className="field">
          <label htmlFor={id('limit')}>Answer limit (s)</label>
          <input
            id={id('limit')}
            data-testid="limit-seconds"
            inputMode="decimal"
            placeholder="No limit"
            value={question.limitSeconds}
            onChange={(e) => edit(question.key, { limitSeconds: e.target.value })}
            {...invalid('limitSeconds')}
          />
          <FieldError id={id('limitSeconds-error')} message={error('limitSeconds')} />
        </div>
        <div className="field">
          <label htmlFor={id('retakes')}>Retakes allowed</label>
          <input id={id('retakes')} data-testid="retakes" inputMode="numeric" value={question.retakes} onChange={(e) => edit(question.key, { retakes: e.target.value })} {...invalid('retakes')} />
          <FieldError id={id('retakes-error')} message={error('retakes')} />
        </div>
      </div>
      <div className="qs-question-grid qs-two">
        <div className="field">
          <label htmlFor={id('keywords')}>Keywords</label>
          <input
            id={id('keywords')}
            placeholder="What a strong answer mentions, comma-separated"
            value={question.keywords}
            onChange={(e) => edit(question.key, { keywords: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('lookFor')}>What the interviewer looks for</label>
          <input id={id('lookFor')} maxLength={400} value={question.lookFor} onChange={(e) => edit(question.key, { lookFor: e.target.value })} />
        </div>
      </div>
    </li>
  );
}
