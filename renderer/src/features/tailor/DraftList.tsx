import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { questionAnnouncements } from '../../ui/sortableAnnouncements';
import { DIFFICULTIES, type Difficulty } from '../../../../shared/domain/enums';
import { useTailorStore, type Draft } from './store';

/** The generated questions as the user reviews them: edit, reorder, remove, add. */
export function DraftList({ error }: { error: string | null }) {
  const drafts = useTailorStore((s) => s.drafts);
  const add = useTailorStore((s) => s.add);
  const moveTo = useTailorStore((s) => s.moveTo);
  // A small distance before a drag starts, so that clicks on the handle stay clicks.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) moveTo(String(active.id), String(over.id));
  };
  const announcements = questionAnnouncements((id) => drafts.findIndex((d) => d.key === id) + 1);

  return (
    <div className="tailor-drafts">
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <SortableContext items={drafts.map((d) => d.key)} strategy={verticalListSortingStrategy}>
          <ol className="tailor-draft-list" data-testid="tailored-questions">
            {drafts.map((draft, index) => (
              <DraftRow key={draft.key} draft={draft} index={index} last={index === drafts.length - 1} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {error && <p className="field-error">{error}</p>}
      <div className="row">
        <button type="button" className="btn btn-small" onClick={add} disabled={drafts.length >= 50}>
          Add a question
        </button>
        <span className="hint">Drag ⠿ to reorder, or Alt+↑ / Alt+↓ while editing a question.</span>
      </div>
    </div>
  );
}

function DraftRow({ draft, index, last }: { draft: Draft; index: number; last: boolean }) {
  const edit = useTailorStore((s) => s.edit);
  const move = useTailorStore((s) => s.move);
  const remove = useTailorStore((s) => s.remove);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: draft.key });
  const n = index + 1;

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`tailor-draft ${isDragging ? 'tailor-draft-dragging' : ''}`}
      data-testid="tailored-question"
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        e.preventDefault();
        move(draft.key, e.key === 'ArrowUp' ? -1 : 1);
        // The row re-renders in its new place; keep editing it there.
        const target = e.target as HTMLElement;
        requestAnimationFrame(() => target.focus());
      }}
    >
      <button
        type="button"
        className="tailor-draft-handle"
        aria-label={`Drag question ${n}`}
        data-testid="tailored-question-handle"
        {...attributes}
        {...listeners}
      >
        <span aria-hidden="true">⠿</span>
        <span className="tailor-draft-number">{n}</span>
      </button>
      <div className="tailor-draft-body">
        <textarea
          aria-label={`Question ${n}`}
          data-testid="tailored-question-text"
          rows={2}
          value={draft.text}
          maxLength={500}
          aria-invalid={draft.text.trim() ? undefined : true}
          placeholder="Write the question"
          onChange={(e) => edit(draft.key, { text: e.target.value })}
        />
        <div className="tailor-draft-meta">
          <input
            aria-label={`Category of question ${n}`}
            className="tailor-draft-category"
            value={draft.category}
            maxLength={100}
            onChange={(e) => edit(draft.key, { category: e.target.value })}
          />
          <select
            aria-label={`Difficulty of question ${n}`}
            className={`tailor-draft-difficulty tag-${draft.difficulty}`}
            value={draft.difficulty}
            onChange={(e) => edit(draft.key, { difficulty: e.target.value as Difficulty })}
          >
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
          {draft.keywords.length > 0 && (
            <span className="tags" title="What a strong answer mentions">
              {draft.keywords.slice(0, 6).map((k) => (
                <span key={k} className="tag">
                  {k}
                </span>
              ))}
            </span>
          )}
        </div>
        {draft.lookFor && <p className="hint">Looks for: {draft.lookFor}</p>}
      </div>
      <div className="tailor-draft-actions">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label={`Move question ${n} up`}
          disabled={index === 0}
          onClick={() => move(draft.key, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label={`Move question ${n} down`}
          disabled={last}
          onClick={() => move(draft.key, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost tailor-remove"
          aria-label={`Remove question ${n}`}
          data-testid="tailored-question-remove"
          onClick={() => remove(draft.key)}
        >
          ✕
        </button>
      </div>
    </li>
  );
}
