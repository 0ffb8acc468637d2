import type { ReviewComment, SessionQuestion } from '../../../../shared/domain/types';
import { formatClock } from '../../lib/format';
import { askedQuestions } from '../../../../shared/domain/timeline';
import { hasRetakes, takeSpan } from './TakeList';

interface Props {
  questions: SessionQuestion[];
  durationMs: number;
  positionMs: number;
  currentId: string | null;
  /** The reviewer's comments pinned to moments, shown under the question markers. */
  comments: ReviewComment[];
  onSeek: (ms: number) => void;
}

export function Timeline({ questions, durationMs, positionMs, currentId, comments, onSeek }: Props) {
  const pinned = comments.filter((c): c is ReviewComment & { offsetMs: number } => c.offsetMs !== null);
  const percent = (ms: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100))}%`;
  return (
    <div className="timeline" aria-label="Questions on the timeline">
      <div className="timeline-track">
        <div className="timeline-progress" style={{ width: percent(positionMs) }} />
        {askedQuestions(questions)
          .filter(hasRetakes)
          .flatMap((question) =>
            question.takes.map((take) => (
              <button
                key={take.id}
                type="button"
                className={`timeline-take ${take.chosen ? 'chosen' : ''}`}
                style={{
                  left: percent(take.startedOffsetMs),
                  width: percent((take.endedOffsetMs ?? take.startedOffsetMs) - take.startedOffsetMs),
                }}
                data-testid="take-marker"
                data-offset-ms={take.startedOffsetMs}
                title={`Q${question.position + 1}, take ${take.takeNumber}${take.chosen ? ' (counts)' : ''}: ${takeSpan(take)}`}
                aria-label={`Question ${question.position + 1}, take ${take.takeNumber}`}
                onClick={() => onSeek(take.startedOffsetMs)}
              />
            )),
          )}
        {askedQuestions(questions).map((question) => (
          <button
            key={question.id}
            type="button"
            className={`timeline-marker ${question.id === currentId ? 'current' : ''} ${question.skipped ? 'skipped' : ''}`}
            style={{ left: percent(question.askedOffsetMs) }}
            data-testid="question-marker"
            data-offset-ms={question.askedOffsetMs}
            title={`Q${question.position + 1}${question.followUpOf ? ' (follow-up)' : ''} at ${formatClock(question.askedOffsetMs)}: ${question.text}`}
            aria-label={`Question ${question.position + 1} at ${formatClock(question.askedOffsetMs)}`}
            onClick={() => onSeek(question.askedOffsetMs)}
          >
            {question.position + 1}
          </button>
        ))}
      </div>
      {pinned.length > 0 && (
        <div className="timeline-comments" aria-label="Comments on the timeline">
          {pinned.map((comment) => (
            <button
              key={comment.id}
              type="button"
              className="timeline-comment"
              style={{ left: percent(comment.offsetMs) }}
              data-testid="comment-marker"
              data-offset-ms={comment.offsetMs}
              title={`${formatClock(comment.offsetMs)}: ${comment.body}`}
              aria-label={`Comment at ${formatClock(comment.offsetMs)}`}
              onClick={() => onSeek(comment.offsetMs)}
            />
          ))}
        </div>
      )}
      <div className="timeline-times muted">
        <span>{formatClock(positionMs)}</span>
        <span>{formatClock(durationMs)}</span>
      </div>
    </div>
  );
}
