import { useEffect, useState } from 'react';
import type { AnswerTake, SessionQuestion, TakeMetrics } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { api, unwrap } from '../../lib/api';
import { formatClock, formatSeconds } from '../../lib/format';
import { compactMetrics } from './metrics';
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

type Measured = { status: 'loading' } | { status: 'ready'; metrics: TakeMetrics[] } | { status: 'error'; message: string };

/** Each take's delivery, measured in main when the list is shown (about a second a minute of audio). */
function useTakeMetrics(question: SessionQuestion, enabled: boolean): Measured {
  // A new take or a new choice re-measures; the same takes do not.
  const key = `${question.id}|${question.takes.map((t) => `${t.id}:${t.endedOffsetMs}`).join(',')}`;
  const [done, setDone] = useState<{ key: string; measured: Measured } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    unwrap(api.takes.metrics({ sessionQuestionId: question.id })).then(
      (metrics) => live && setDone({ key, measured: { status: 'ready', metrics } }),
      (error: unknown) =>
        live && setDone({ key, measured: { status: 'error', message: error instanceof Error ? error.message : 'The takes could not be measured.' } }),
    );
    return () => {
      live = false;
    };
  }, [question.id, key, enabled]);
  return done?.key === key ? done.measured : { status: 'loading' };
}

function TakeFigures({ measured, take }: { measured: Measured; take: AnswerTake }) {
  if (measured.status === 'loading') return <span className="take-figures muted">Measuring…</span>;
  if (measured.status === 'error') return null;
  const m = measured.metrics.find((x) => x.takeId === take.id);
  if (!m) return null;
  return (
    <span className="take-figures" data-testid="take-metrics">
      {/* Talk time is shown as such, so the compact line is asked without it (no "talking 85% of the time"). */}
      {[`talked ${formatSeconds(m.talkMs)}`, ...compactMetrics({ ...m, talkMs: 0, silenceMs: 0 })].join(' · ')}
    </span>
  );
}

/** The pair first offered for comparison: the take that counts and the newest other one, in take order. */
function defaultPair(takes: readonly AnswerTake[]): [AnswerTake, AnswerTake] {
  const sorted = [...takes].sort((x, y) => x.takeNumber - y.takeNumber);
  const chosen = sorted.find((t) => t.chosen) ?? sorted.at(-1)!;
  const other = sorted.findLast((t) => t.id !== chosen.id)!;
  return chosen.takeNumber < other.takeNumber ? [chosen, other] : [other, chosen];
}

/** Two takes: straight to the comparison; more: pick which two first. */
function CompareTakes({ question }: { question: SessionQuestion }) {
  const [picking, setPicking] = useState(false);
  const [pair, setPair] = useState(() => defaultPair(question.takes).map((t) => t.id));
  const open = (a: string, b: string) => navigate(routes.compareTakes(question.sessionId, a, b));
  if (question.takes.length === 2) {
    const [a, b] = defaultPair(question.takes);
    return (
      <li className="take-compare">
        <button type="button" className="link-button" data-testid="compare-takes" onClick={() => open(a.id, b.id)}>
          Compare takes
        </button>
      </li>
    );
  }
  if (!picking) {
    return (
      <li className="take-compare">
        <button type="button" className="link-button" data-testid="compare-takes" onClick={() => setPicking(true)}>
          Compare takes…
        </button>
      </li>
    );
  }
  const select = (side: 0 | 1) => (
    <select
      aria-label={side === 0 ? 'First take to compare' : 'Second take to compare'}
      data-testid={`compare-takes-${side === 0 ? 'a' : 'b'}`}
      value={pair[side]}
      autoFocus={side === 0}
      onChange={(e) => setPair(side === 0 ? [e.target.value, pair[1]!] : [pair[0]!, e.target.value])}
    >
      {question.takes.map((t) => (
        <option key={t.id} value={t.id} disabled={t.id === pair[side === 0 ? 1 : 0]}>
          Take {t.takeNumber}
          {t.chosen ? ' (counts)' : ''}
        </option>
      ))}
    </select>
  );
  return (
    <li className="take-compare take-compare-picker" data-testid="compare-takes-picker">
      <span>Compare</span>
      {select(0)}
      <span>with</span>
      {select(1)}
      <button type="button" className="btn btn-small btn-primary" data-testid="compare-takes-open" onClick={() => open(pair[0]!, pair[1]!)}>
        Compare
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setPicking(false)}>
        Cancel
      </button>
    </li>
  );
}

export function TakeList({ question, onSeek }: Props) {
  // Only with a playable recording (onSeek) is there something to measure.
  const measured = useTakeMetrics(question, hasRetakes(question) && onSeek !== undefined);
  if (!hasRetakes(question)) return null;
  return (
    <ul className="take-list" aria-label={`Takes of question ${question.position + 1}`} data-testid="take-list">
      {question.takes.map((take) => {
        const body = (
          <>
            <span className="take-name">Take {take.takeNumber}</span>
            <span className="mono">{takeSpan(take)}</span>
            {take.chosen && <span className="badge badge-completed">Counts</span>}
            {onSeek && <TakeFigures measured={measured} take={take} />}
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
      <CompareTakes question={question} />
      {measured.status === 'error' && onSeek && (
        <li className="take-error" role="alert">
          {measured.message}
        </li>
      )}
    </ul>
  );
}
