import { formatClock } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import type { InterviewController } from './InterviewController';
import { useRoomStore } from './store';

export function AnswerBar({ controller }: { controller: InterviewController }) {
  const phase = useRoomStore((s) => s.phase);
  const answerStartedAt = useRoomStore((s) => s.answerStartedAt);
  const index = useRoomStore((s) => s.index);
  const total = useRoomStore((s) => s.detail?.questions.length ?? 0);
  const answering = phase === 'answering' && answerStartedAt !== null;
  const now = useNow(answering, 250);
  const last = index + 1 >= total;

  return (
    <div className="answer-bar">
      <div className="answer-status">
        {answering ? (
          <span className="answering" data-testid="answering">
            <span className="answering-dot" aria-hidden="true" />
            Answering… <span className="answer-time">{formatClock(now - answerStartedAt)}</span>
          </span>
        ) : (
          <span className="muted">Listen to the question…</span>
        )}
      </div>
      <div className="row">
        <button
          type="button"
          className="btn"
          data-testid="skip-question"
          onClick={() => controller.skip()}
        >
          Skip
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="next-question"
          disabled={!answering}
          onClick={() => controller.next()}
        >
          {last ? 'Finish interview' : 'Next question'}
        </button>
      </div>
      <p className="key-hints">
        <kbd>Space</kbd> next question · <kbd>Esc</kbd> end interview
      </p>
    </div>
  );
}
