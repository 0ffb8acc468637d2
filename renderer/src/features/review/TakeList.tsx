import type { AnswerTake, SessionQuestion } from '../../../../shared/domain/types';
import { formatClock, formatSeconds } from '../../lib/format';
import './takes.css';

/** "0:12–0:15" with its length; an unclosed take (a crash mid-answer) has only its start. */
export function takeSpan(take: AnswerTake): string {
  if (take.endedOffsetMs === null) return `from ${formatClock(take.startedOffsetMs)}`;
  return `${formatClock(take.startedOffsetMs)}–${formatClock(take.endedOffsetMs)} (${formatSeconds(take.endedOffsetMs - take.startedOffsetMs)})`;
}

/** Questions answered more than once: each take is kept, and the chosen one is the answer. */
export function hasRetakes(question: SessionQuestion): boolean {
  return question.takes.length > 1;
}

interface Props {
  question: SessionQuestion;
  /** Absent when there is no playable video to jump in. */
  onSeek?: (ms: number) => void;
}

export function TakeList({ question, onSeek }: Props) {
  if (!hasRetakes(question)) return null;
  return (
    <ul className="take-list" aria-label={`Takes of question ${question.position + 1}`} data-testid="take-list">
      {question.takes.map((take) => {
        const body = (
          <>
            <span className="take-name">Take {take.takeNumber}</span>
            <span className="mono">{takeSpan(take)}</span>
            {take.chosen && <span className="badge badge-completed">Counts</span>}
          </>
        );
        return (
          <li key={take.id} data-testid="take" data-take-number={take.takeNumber} data-chosen={take.chosen}>
            {onSeek ? (
              <button
                type="button"
                className={`take-item ${take.chosen ? 'chosen' : ''}`}
                title={`Play take ${take.takeNumber}`}
                onClick={() => onSeek(take.startedOffsetMs)}
              >
                {body}
              </button>
            ) : (
              <div className={`take-item ${take.chosen ? 'chosen' : ''}`}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
