import {
  SCORE_DIMENSIONS,
  type Claim,
  type CriterionRating,
  type Evaluation,
  type QuestionEvaluation,
  type SessionQuestion,
} from '../../../../shared/domain/types';
import { formatClock, formatDate } from '../../lib/format';
import { api, unwrap } from '../../lib/api';
import { LoadingState } from '../../ui/states';
import { PendingResult } from './PendingResult';
import { useProcessingStore } from './processingStore';
import { QuoteButton } from './QuoteButton';
import { RescoreBar } from './RescoreBar';
import { useBlind, useReviewerStore } from './reviewerStore';
import { useReviewStore } from './store';
import { DECISION_LABELS, DIMENSION_LABELS, formatScore, scoreTone } from './scores';

/** Weights as shares of their sum, whether main sends 0.3 or 30. */
function weightsLine(weights: Evaluation['weights']): string {
  const total = SCORE_DIMENSIONS.reduce((sum, d) => sum + (weights[d] ?? 0), 0);
  if (total <= 0) return '';
  return SCORE_DIMENSIONS.filter((d) => weights[d] > 0)
    .map((d) => `${DIMENSION_LABELS[d]} ${Math.round((weights[d] / total) * 100)}%`)
    .join(' · ');
}

function Claims({ title, claims, tone, onSeek }: { title: string; claims: Claim[]; tone: string; onSeek?: (ms: number) => void }) {
  if (claims.length === 0) return null;
  return (
    <section className={`claims claims-${tone}`} aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {claims.map((claim, i) => (
          <li key={i}>
            <p>{claim.text}</p>
            {claim.quote && <QuoteButton quote={claim.quote} onSeek={onSeek} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Bullets({ title, items, ordered = false }: { title: string; items: string[]; ordered?: boolean }) {
  if (items.length === 0) return null;
  const List = ordered ? 'ol' : 'ul';
  return (
    <div className="bullets">
      <h4>{title}</h4>
      <List>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </List>
    </div>
  );
}

/** The interview type's rubric (STAR for behavioral answers...), one rated line per criterion. */
function Criteria({ criteria }: { criteria: CriterionRating[] }) {
  if (criteria.length === 0) return null;
  return (
    <div className="bullets">
      <h4>Rubric</h4>
      <ul className="criteria" data-testid="criteria">
        {criteria.map((c) => (
          <li key={c.criterion}>
            <span className={`chip chip-rating-${c.rating}`}>
              {c.label}: {c.rating}
            </span>
            {c.note && <span className="criterion-note">{c.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuestionScore({
  question,
  evaluation,
  onSeek,
}: {
  question: SessionQuestion | undefined;
  evaluation: QuestionEvaluation;
  onSeek?: (ms: number) => void;
}) {
  const start = question ? (question.answerStartedOffsetMs ?? question.askedOffsetMs) : null;
  return (
    <details className="question-score" data-testid="question-score" data-question-id={evaluation.sessionQuestionId}>
      <summary>
        <span className="question-item-number">{question ? question.position + 1 : '?'}</span>
        <span className="question-score-text">{question?.text ?? 'A question'}</span>
        <span className={`score-chip score-${scoreTone(evaluation.score)}`}>{formatScore(evaluation.score)}/10</span>
      </summary>
      <div className="question-score-body">
        {evaluation.feedback && <p>{evaluation.feedback}</p>}
        <Criteria criteria={evaluation.criteria} />
        <Bullets title="What was good" items={evaluation.good} />
        <Bullets title="What was missing" items={evaluation.missing} />
        <Bullets title="A better answer would cover" items={evaluation.outline} ordered />
        {evaluation.quotes.length > 0 && (
          <div className="bullets">
            <h4>Quotes</h4>
            <div className="quotes">
              {evaluation.quotes.map((quote, i) => (
                <QuoteButton key={i} quote={quote} onSeek={onSeek} />
              ))}
            </div>
          </div>
        )}
        {onSeek && start !== null && (
          <button type="button" className="btn btn-small" onClick={() => onSeek(start)}>
            Play the answer from {formatClock(start)}
          </button>
        )}
      </div>
    </details>
  );
}

/** Blind review: the AI's judgement stays out of sight until the reviewer asks for it. */
function BlindNotice() {
  const sessionId = useReviewerStore((s) => s.sessionId);
  const save = useReviewerStore((s) => s.save);
  const saving = useReviewerStore((s) => s.saving);
  const setTab = useReviewStore((s) => s.setTab);
  return (
    <div className="blind-notice" data-testid="scores-hidden">
      <strong>AI scores are hidden while you rate.</strong>
      <span>Make up your own mind first in the Review tab, then reveal what the AI thought.</span>
      <span className="reviewer-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={saving || !sessionId}
          data-testid="reveal-scores"
          onClick={() =>
            sessionId &&
            void save(() => unwrap(api.reviews.setBlind({ sessionId, blind: false })), 'The AI scores could not be revealed.')
          }
        >
          Reveal AI scores
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setTab('review')}>
          Go to your review
        </button>
      </span>
    </div>
  );
}

export function ScoresPanel({ questions, onSeek }: { questions: SessionQuestion[]; onSeek?: (ms: number) => void }) {
  const status = useProcessingStore((s) => s.status);
  const evaluation = useProcessingStore((s) => s.processing?.evaluation ?? null);
  const blind = useBlind();

  if (status === 'loading') return <LoadingState label="Loading the scores…" />;
  if (blind) {
    return (
      <div data-testid="scores-panel">
        <BlindNotice />
      </div>
    );
  }
  if (!evaluation) {
    return (
      <div data-testid="scores-panel">
        <PendingResult
          kind="score"
          testId="scores-pending"
          texts={{
            notYet: 'Scores are made once there is a transcript.',
            queued: 'Scoring is queued; it starts once the transcript is ready.',
            running: 'Scoring the interview…',
            failed: 'Scoring failed:',
            empty: 'The scoring service returned no scores.',
          }}
        />
      </div>
    );
  }

  const byId = new Map(questions.map((q) => [q.id, q]));
  const perQuestion = [...evaluation.questions].sort(
    (a, b) => (byId.get(a.sessionQuestionId)?.position ?? 0) - (byId.get(b.sessionQuestionId)?.position ?? 0),
  );
  return (
    <div className="scores" data-testid="scores-panel">
      <div className="score-summary">
        <div className={`score-big score-${scoreTone(evaluation.overall)}`}>
          <span className="score-big-value" data-testid="overall-score">
            {formatScore(evaluation.overall)}
          </span>
          <span className="score-big-scale">/10</span>
        </div>
        <div className="score-summary-side">
          <span className="muted">Overall</span>
          <span>
            Weighted overall <strong data-testid="weighted-score">{formatScore(evaluation.weightedOverall)}</strong>
          </span>
          {evaluation.suggestedDecision && (
            <span className={`chip chip-decision-${evaluation.suggestedDecision}`} data-testid="suggested-decision">
              {DECISION_LABELS[evaluation.suggestedDecision]}
            </span>
          )}
        </div>
      </div>
      {evaluation.summary && (
        <p className="score-summary-text" data-testid="score-summary">
          {evaluation.summary}
        </p>
      )}
      <p className="hint">
        {evaluation.source === 'ai' ? `Scored by AI${evaluation.model ? ` (${evaluation.model})` : ''}` : 'Scored by a reviewer'} on{' '}
        {formatDate(evaluation.createdAt)}. Weights: {weightsLine(evaluation.weights)}.
      </p>
      <dl className="dimensions">
        {SCORE_DIMENSIONS.map((dimension) => {
          const score = evaluation.dimensions[dimension];
          return (
            <div key={dimension} className="dimension" data-testid="dimension-score" data-dimension={dimension}>
              <dt>{DIMENSION_LABELS[dimension]}</dt>
              <dd>
                <span className="dimension-bar" aria-hidden="true">
                  <span className={`score-${scoreTone(score)}`} style={{ width: `${Math.min(100, Math.max(0, score * 10))}%` }} />
                </span>
                <span className="dimension-value mono">{formatScore(score)}</span>
              </dd>
            </div>
          );
        })}
      </dl>
      <RescoreBar always />
      <Claims title="Strengths" claims={evaluation.strengths} tone="good" onSeek={onSeek} />
      <Claims title="To improve" claims={evaluation.improvements} tone="fair" onSeek={onSeek} />
      <Claims title="Recommendations" claims={evaluation.recommendations} tone="info" onSeek={onSeek} />
      {perQuestion.length > 0 && (
        <section className="claims" aria-label="Per question">
          <h3>Per question</h3>
          {perQuestion.map((q) => (
            <QuestionScore key={q.sessionQuestionId} question={byId.get(q.sessionQuestionId)} evaluation={q} onSeek={onSeek} />
          ))}
        </section>
      )}
    </div>
  );
}
