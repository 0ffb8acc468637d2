import { useEffect, useRef, useState, type ReactNode } from 'react';
import { DECISIONS, type Decision } from '../../../../shared/domain/enums';
import { currentQuestionId } from '../../../../shared/domain/timeline';
import {
  SCORE_DIMENSIONS,
  type Review,
  type ReviewComment,
  type ScoreDimension,
  type SessionDetail,
} from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { formatClock, formatDate } from '../../lib/format';
import { ErrorState, LoadingState, Notice } from '../../ui/states';
import { useReviewerStore } from './reviewerStore';
import { DIMENSION_LABELS } from './scores';
import { StarRating } from './StarRating';
import { useReviewStore } from './store';
import './reviewer.css';

export const DECISION_NAMES: Record<Decision, string> = {
  passed: 'Passed',
  failed: 'Failed',
  needs_review: 'Needs review',
};

interface Props {
  detail: SessionDetail;
  onSeek?: (ms: number) => void;
}

function withRating(scorecard: Review['scorecard'], dimension: ScoreDimension, rating: number | null): Review['scorecard'] {
  const { [dimension]: _old, ...rest } = scorecard;
  return rating === null ? rest : { ...rest, [dimension]: rating };
}

function questionLabel(detail: SessionDetail, id: string | null): string | null {
  const question = id ? detail.questions.find((q) => q.id === id) : undefined;
  return question ? `Q${question.position + 1}` : null;
}

function DecisionSection({ sessionId }: { sessionId: string }) {
  const review = useReviewerStore((s) => s.review?.review);
  const save = useReviewerStore((s) => s.save);
  const saving = useReviewerStore((s) => s.saving);
  const [decision, setDecision] = useState<Decision | null>(review?.decision ?? null);
  const [note, setNote] = useState(review?.decisionNote ?? '');
  const changed = decision !== (review?.decision ?? null) || note.trim() !== (review?.decisionNote ?? '');
  const submit = (next: Decision | null) =>
    save(() => unwrap(api.reviews.decide({ sessionId, decision: next, note: next ? note : null })), 'The decision was not saved.');

  return (
    <section className="reviewer-section" aria-labelledby="decision-title">
      <h3 id="decision-title">Decision</h3>
      <div className="decision-choices" role="radiogroup" aria-label="Decision">
        {DECISIONS.map((d) => (
          <button
            key={d}
            type="button"
            role="radio"
            aria-checked={decision === d}
            className={`decision-choice decision-${d} ${decision === d ? 'selected' : ''}`}
            data-testid={`decision-${d}`}
            onClick={() => setDecision(d)}
          >
            {DECISION_NAMES[d]}
          </button>
        ))}
      </div>
      <textarea
        className="decision-note"
        aria-label="Decision note"
        placeholder="Why? (optional; the candidate's strengths, doubts, next steps)"
        rows={2}
        maxLength={5000}
        value={note}
        data-testid="decision-note"
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="reviewer-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={!decision || !changed || saving}
          data-testid="decision-save"
          onClick={() => void submit(decision)}
        >
          Save decision
        </button>
        {review?.decision && (
          <button type="button" className="btn btn-ghost btn-small" disabled={saving} data-testid="decision-clear" onClick={() => void submit(null)}>
            Clear decision
          </button>
        )}
        {review?.decision && review.decidedAt !== null && !changed && (
          <span className="hint" data-testid="decision-saved" data-decision={review.decision}>
            {DECISION_NAMES[review.decision]} · {formatDate(review.decidedAt)}
          </span>
        )}
      </div>
    </section>
  );
}

interface CommentFormProps {
  label: ReactNode;
  initial: string;
  submitLabel: string;
  testId: string;
  /** Resolves true once saved. */
  onSubmit: (body: string) => Promise<boolean>;
  onCancel: () => void;
}

/** The text box for a new or edited comment: Enter saves, Shift+Enter breaks the line, Esc cancels. */
function CommentForm({ label, initial, submitLabel, testId, onSubmit, onCancel }: CommentFormProps) {
  const saving = useReviewerStore((s) => s.saving);
  const [body, setBody] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const submit = () => {
    if (body.trim()) void onSubmit(body);
  };
  return (
    <form
      className="comment-form"
      data-testid={`${testId}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="comment-form-label">
        {label}
        <textarea
          ref={box}
          rows={2}
          maxLength={5000}
          placeholder="What stands out at this moment?"
          value={body}
          data-testid={testId}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      <div className="reviewer-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={!body.trim() || saving} data-testid={`${testId}-save`}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Cancel
        </button>
        <span className="hint">Enter saves · Shift+Enter new line · Esc cancels</span>
      </div>
    </form>
  );
}

function CommentComposer({ detail, atMs }: { detail: SessionDetail; atMs: number }) {
  const save = useReviewerStore((s) => s.save);
  const endComment = useReviewStore((s) => s.endComment);
  // The same rule main applies when it stores the comment.
  const question = questionLabel(detail, currentQuestionId(detail.questions, atMs));
  return (
    <div className="comment-composer">
      <CommentForm
        label={
          <span>
            Comment at <span className="mono">{formatClock(atMs)}</span>
            {question && <span className="muted"> · {question}</span>}
          </span>
        }
        initial=""
        submitLabel="Add comment"
        testId="comment-body"
        onCancel={endComment}
        onSubmit={async (body) => {
          const saved = await save(
            () => unwrap(api.reviews.addComment({ sessionId: detail.session.id, offsetMs: atMs, body })),
            'The comment was not saved.',
          );
          if (saved) endComment();
          return saved;
        }}
      />
    </div>
  );
}

function CommentItem({ comment, detail, onSeek }: { comment: ReviewComment; detail: SessionDetail; onSeek?: (ms: number) => void }) {
  const save = useReviewerStore((s) => s.save);
  const saving = useReviewerStore((s) => s.saving);
  const [editing, setEditing] = useState(false);
  const question = questionLabel(detail, comment.sessionQuestionId);
  const offset = comment.offsetMs;
  return (
    <li className="review-comment" data-testid="review-comment" data-offset-ms={offset ?? ''}>
      <div className="review-comment-head">
        {offset !== null && onSeek ? (
          <button type="button" className="comment-time mono" data-testid="comment-seek" title="Play from here" onClick={() => onSeek(offset)}>
            {formatClock(offset)}
          </button>
        ) : (
          <span className="comment-time mono">{offset === null ? 'Session' : formatClock(offset)}</span>
        )}
        {question && <span className="muted">{question}</span>}
        {!editing && (
          <span className="review-comment-tools">
            <button type="button" className="btn btn-ghost btn-small" data-testid="comment-edit" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              data-testid="comment-delete"
              aria-label={`Delete the comment at ${offset === null ? 'the session' : formatClock(offset)}`}
              disabled={saving}
              onClick={() => void save(() => unwrap(api.reviews.deleteComment({ commentId: comment.id })), 'The comment was not deleted.')}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      {editing ? (
        <CommentForm
          label={<span className="visually-hidden">Edit the comment</span>}
          initial={comment.body}
          submitLabel="Save"
          testId="comment-edit-body"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const saved = await save(() => unwrap(api.reviews.editComment({ commentId: comment.id, body })), 'The comment was not saved.');
            if (saved) setEditing(false);
            return saved;
          }}
        />
      ) : (
        <p className="review-comment-body">{comment.body}</p>
      )}
    </li>
  );
}

export function ReviewerPanel({ detail, onSeek }: Props) {
  const sessionId = detail.session.id;
  const status = useReviewerStore((s) => s.status);
  const data = useReviewerStore((s) => s.review);
  const error = useReviewerStore((s) => s.error);
  const load = useReviewerStore((s) => s.load);
  const save = useReviewerStore((s) => s.save);
  const commentAtMs = useReviewStore((s) => s.commentAtMs);

  if (!data) {
    return status === 'error' ? (
      <ErrorState message={error ?? 'Could not load your review.'} onRetry={() => void load(sessionId)} />
    ) : (
      <LoadingState label="Loading your review…" />
    );
  }
  const { review, comments } = data;
  return (
    <div className="reviewer" data-testid="reviewer-panel">
      {error && <Notice tone="error">{error}</Notice>}
      <section className="reviewer-section reviewer-overall">
        <div>
          <h3 id="overall-title">Your overall rating</h3>
          <StarRating
            label="Overall rating"
            value={review.overallRating}
            testId="overall-rating"
            onChange={(rating) =>
              void save(
                () => unwrap(api.reviews.rateOverall({ sessionId, rating })),
                'The rating was not saved.',
                (r) => ({ ...r, review: { ...r.review, overallRating: rating } }),
              )
            }
          />
        </div>
        <label className="blind-toggle" title="Hide the AI's scores until you have made up your own mind">
          <input
            type="checkbox"
            checked={review.blind}
            data-testid="blind-toggle"
            onChange={(e) => {
              const blind = e.target.checked;
              void save(
                () => unwrap(api.reviews.setBlind({ sessionId, blind })),
                'Blind review was not changed.',
                (r) => ({ ...r, review: { ...r.review, blind } }),
              );
            }}
          />
          Blind review: hide AI scores
        </label>
      </section>

      <section className="reviewer-section" aria-labelledby="scorecard-title">
        <h3 id="scorecard-title">Scorecard</h3>
        <dl className="scorecard">
          {SCORE_DIMENSIONS.map((dimension) => (
            <div key={dimension} className="scorecard-row" data-testid="scorecard-row" data-dimension={dimension}>
              <dt>{DIMENSION_LABELS[dimension]}</dt>
              <dd>
                <StarRating
                  label={`${DIMENSION_LABELS[dimension]} rating`}
                  size="sm"
                  value={review.scorecard[dimension] ?? null}
                  onChange={(rating) =>
                    void save(
                      () => unwrap(api.reviews.rateDimension({ sessionId, dimension, rating })),
                      'The scorecard was not saved.',
                      (r) => ({ ...r, review: { ...r.review, scorecard: withRating(r.review.scorecard, dimension, rating) } }),
                    )
                  }
                />
              </dd>
            </div>
          ))}
        </dl>
        <p className="hint">Rate each answer with the stars in the Questions tab.</p>
      </section>

      {/* Keyed by what is saved: the form starts again from it after each save. */}
      <DecisionSection key={`${review.decision}-${review.decidedAt}`} sessionId={sessionId} />

      <section className="reviewer-section" aria-labelledby="comments-title">
        <div className="reviewer-section-head">
          <h3 id="comments-title">Comments {comments.length > 0 && <span className="muted">({comments.length})</span>}</h3>
        </div>
        {commentAtMs !== null && <CommentComposer key={commentAtMs} detail={detail} atMs={commentAtMs} />}
        {comments.length === 0 ? (
          commentAtMs === null && (
            <p className="hint">
              No comments yet. Press <kbd>C</kbd> while watching (or “Comment here” under the video) to pin one to that
              moment.
            </p>
          )
        ) : (
          <ol className="review-comments">
            {comments.map((comment) => (
              <CommentItem key={`${comment.id}-${comment.updatedAt}`} comment={comment} detail={detail} onSeek={onSeek} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
