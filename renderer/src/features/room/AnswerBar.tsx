import { formatClock } from '../../lib/format';
import { Spinner } from '../../ui/states';
import { useNow } from '../../lib/useNow';
import type { InterviewController } from './InterviewController';
import { useRoomStore, type RoomPhase } from './store';
import './timing.css';

/** Below this much answer time left, the countdown turns to a gentle warning. */
export const WARN_AT_MS = 15_000;

/** The running countdown (think time or answer limit) with its bar; frozen while paused. */
function Countdown({ label, warnAtMs }: { label: string; warnAtMs?: number }) {
  const deadline = useRoomStore((s) => s.deadline);
  const total = useRoomStore((s) => s.countdownMs);
  const paused = useRoomStore((s) => s.paused);
  const remainingWhenPaused = useRoomStore((s) => s.remainingMs);
  const now = useNow(deadline !== null, 100);
  if (total === null) return null;
  const left = paused ? (remainingWhenPaused ?? 0) : deadline === null ? 0 : Math.max(0, deadline - now);
  const warning = warnAtMs !== undefined && left <= warnAtMs;
  return (
    <div className={`countdown ${warning ? 'countdown-warning' : ''}`} data-testid="countdown">
      <div className="countdown-text">
        <span>{label}</span>
        <span className="countdown-time" data-testid="countdown-time">
          {formatClock(Math.ceil(left / 1000) * 1000)}
        </span>
      </div>
      <div className="countdown-track" aria-hidden="true">
        <div className="countdown-fill" style={{ width: `${Math.min(100, (left / total) * 100)}%` }} />
      </div>
      {warning && !paused && (
        <p className="countdown-note" role="status" data-testid="time-warning">
          {Math.ceil(left / 1000)} seconds left. Start wrapping up; the interview moves on at zero.
        </p>
      )}
    </div>
  );
}

const SPACE_HINTS: Partial<Record<RoomPhase, string>> = {
  thinking: 'start answering',
  choosing: 'keep the newest take',
  considering: 'go on without a follow-up',
};

function TakePicker({ controller }: { controller: InterviewController }) {
  const takes = useRoomStore((s) => s.takes);
  const canRetake = useRoomStore((s) => s.canRetake);
  return (
    <div className="take-picker" data-testid="take-picker">
      <p className="take-picker-title">Which take should count?</p>
      <div className="row take-choices">
        {takes.map((take) => (
          <button
            key={take.number}
            type="button"
            className={`btn ${take.number === takes.length ? 'btn-primary' : ''}`}
            data-testid={`choose-take-${take.number}`}
            onClick={() => void controller.chooseTake(take.number)}
          >
            Take {take.number} · {formatClock(take.durationMs)}
          </button>
        ))}
        {canRetake && (
          <button type="button" className="btn btn-ghost" data-testid="another-take" onClick={() => controller.retake()}>
            Record another take
          </button>
        )}
      </div>
      <p className="hint">Every take is kept in the recording; the one you pick is the answer that is reviewed and scored.</p>
    </div>
  );
}

export function AnswerBar({ controller }: { controller: InterviewController }) {
  const phase = useRoomStore((s) => s.phase);
  const answerStartedAt = useRoomStore((s) => s.answerStartedAt);
  const index = useRoomStore((s) => s.index);
  const question = useRoomStore((s) => s.detail?.questions[s.index]);
  const total = useRoomStore((s) => s.detail?.questions.length ?? 0);
  const practice = useRoomStore((s) => s.detail?.session.mode === 'practice');
  const paused = useRoomStore((s) => s.paused);
  const canRetake = useRoomStore((s) => s.canRetake);
  const takeCount = useRoomStore((s) => s.takes.length);
  const answering = phase === 'answering' && answerStartedAt !== null;
  const now = useNow(answering && !paused, 250);
  const last = index + 1 >= total;
  const retakesLeft = question && !practice ? question.retakesAllowed - Math.max(0, takeCount - 1) : null;

  let status;
  if (phase === 'thinking') {
    status = <Countdown label="Think time: your answer starts in" />;
  } else if (answering) {
    status = (
      <>
        <span className="answering" data-testid="answering">
          <span className="answering-dot" aria-hidden="true" />
          Answering… <span className="answer-time">{formatClock(now - answerStartedAt)}</span>
        </span>
        {question?.answerLimitMs != null && <Countdown label="Time left" warnAtMs={WARN_AT_MS} />}
      </>
    );
  } else if (phase === 'choosing') {
    status = <TakePicker controller={controller} />;
  } else if (phase === 'considering') {
    status = (
      <span className="considering" data-testid="considering" role="status">
        <Spinner size="sm" />
        The interviewer is thinking of a follow-up question…
      </span>
    );
  } else {
    status = <span className="muted">Listen to the question…</span>;
  }

  return (
    <div className={`answer-bar ${paused ? 'answer-bar-paused' : ''}`}>
      <div className="answer-status">
        {paused && (
          <p className="paused-note" data-testid="paused">
            Paused. The recording keeps running; resume when you are ready.
          </p>
        )}
        {status}
      </div>
      <div className="row">
        {phase !== 'choosing' && phase !== 'considering' && (
          <button type="button" className="btn" data-testid="skip-question" disabled={paused} onClick={() => controller.skip()}>
            Skip
          </button>
        )}
        {practice && phase !== 'asking' && phase !== 'considering' && (
          <button type="button" className="btn" data-testid="pause" onClick={() => controller.togglePause()}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        )}
        {answering && canRetake && (
          <button type="button" className="btn" data-testid="retake" disabled={paused} onClick={() => controller.retake()}>
            Retake{retakesLeft !== null ? ` (${retakesLeft} left)` : ''}
          </button>
        )}
        {phase === 'thinking' ? (
          <button type="button" className="btn btn-primary" data-testid="start-answer" disabled={paused} onClick={() => controller.next()}>
            Start answering now
          </button>
        ) : phase === 'considering' ? (
          <button type="button" className="btn btn-primary" data-testid="skip-follow-up" onClick={() => controller.goOnWithoutFollowUp()}>
            {last ? 'Finish interview' : 'Next question'}
          </button>
        ) : (
          phase !== 'choosing' && (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="next-question"
              disabled={!answering || paused}
              onClick={() => controller.next()}
            >
              {last ? 'Finish interview' : 'Next question'}
            </button>
          )
        )}
      </div>
      <p className="key-hints">
        <kbd>Space</kbd> {SPACE_HINTS[phase] ?? 'next question'}
        {canRetake && (
          <>
            {' '}
            · <kbd>R</kbd> retake
          </>
        )}
        {practice && phase !== 'considering' && (
          <>
            {' '}
            · <kbd>P</kbd> pause
          </>
        )}{' '}
        · <kbd>Esc</kbd> end interview
      </p>
    </div>
  );
}
