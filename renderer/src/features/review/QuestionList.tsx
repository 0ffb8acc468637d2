import type { QuestionEvaluation, QuestionRating, SessionQuestion, VoiceMetrics } from '../../../../shared/domain/types';
import { formatClock, formatDuration } from '../../lib/format';
import { api, unwrap } from '../../lib/api';
import { compactMetrics } from './metrics';
import { useProcessingStore } from './processingStore';
import { useBlind, useReviewerStore } from './reviewerStore';
import { formatScore, scoreTone } from './scores';
import { StarRating } from './StarRating';
import { TakeList } from './TakeList';
import './followUp.css';

interface Props {
  questions: SessionQuestion[];
  currentId: string | null;
  /** Absent when there is no playable video to jump in. */
  onSeek?: (ms: number) => void;
}

function FollowUpBadge({ question }: { question: SessionQuestion }) {
  if (question.followUpOf === null) return null;
  return (
    <span className="badge badge-follow-up" data-testid="follow-up-badge" title="Asked by the interviewer after the answer before">
      Follow-up
    </span>
  );
}

function Details({ question }: { question: SessionQuestion }) {
  if (question.askedOffsetMs === null) return <span className="question-item-meta">Not asked</span>;
  const answerMs =
    question.answerStartedOffsetMs !== null && question.answerEndedOffsetMs !== null
      ? question.answerEndedOffsetMs - question.answerStartedOffsetMs
      : null;
  return (
    <span className="question-item-meta">
      <span className="mono">{formatClock(question.askedOffsetMs)}</span>
      <FollowUpBadge question={question} />
      {question.skipped && <span className="badge badge-skipped">Skipped</span>}
      {question.responseTimeMs !== null && <span>responded after {formatDuration(question.responseTimeMs)}</span>}
      {answerMs !== null && <span>answered for {formatDuration(answerMs)}</span>}
    </span>
  );
}

/** The answer's delivery and score, once the background work has measured them. */
function Results({ voice, score }: { voice: VoiceMetrics | undefined; score: QuestionEvaluation | undefined }) {
  const blind = useBlind();
  const metrics = voice ? compactMetrics(voice) : [];
  if (!score && metrics.length === 0) return null;
  return (
    <span className="question-item-results" data-testid="question-results">
      {score && !blind && (
        <span className={`score-chip score-${scoreTone(score.score)}`} title={score.feedback}>
          {formatScore(score.score)}/10
        </span>
      )}
      {metrics.length > 0 && <span data-testid="question-voice">{metrics.join(' · ')}</span>}
    </span>
  );
}

/** The ratings as they will be once this one is saved (shown while it is). */
function withQuestionRating(ratings: QuestionRating[], question: SessionQuestion, rating: number | null): QuestionRating[] {
  const others = ratings.filter((r) => r.sessionQuestionId !== question.id);
  if (rating === null) return others;
  const old = ratings.find((r) => r.sessionQuestionId === question.id);
  return [...others, { sessionQuestionId: question.id, sessionId: question.sessionId, rating, note: old?.note ?? null, updatedAt: Date.now() }];
}

export function QuestionList({ questions, currentId, onSeek }: Props) {
  const voice = useProcessingStore((s) => s.processing?.voice);
  const scores = useProcessingStore((s) => s.processing?.evaluation?.questions);
  const ratings = useReviewerStore((s) => s.review?.questionRatings);
  const save = useReviewerStore((s) => s.save);
  return (
    <ol className="question-list" aria-label="Questions">
      {questions.map((question) => {
        const offset = question.askedOffsetMs;
        const canSeek = onSeek && offset !== null;
        const body = (
          <>
            <span className="question-item-number">{question.position + 1}</span>
            <span className="question-item-body">
              <span className="question-item-text">{question.text}</span>
              <Details question={question} />
              <Results
                voice={voice?.find((m) => m.sessionQuestionId === question.id)}
                score={scores?.find((q) => q.sessionQuestionId === question.id)}
              />
            </span>
          </>
        );
        return (
          <li key={question.id} className={question.id === currentId ? 'current' : undefined} aria-current={question.id === currentId ? 'true' : undefined}>
            {canSeek ? (
              <button type="button" className="question-item" onClick={() => onSeek(offset)}>
                {body}
              </button>
            ) : (
              <div className="question-item">{body}</div>
            )}
            <TakeList question={question} onSeek={onSeek} />
            {ratings && question.askedOffsetMs !== null && (
              <div className="question-rating" data-testid="question-rating" data-question-id={question.id}>
                <span className="muted">Your rating</span>
                <StarRating
                  label={`Rating for question ${question.position + 1}`}
                  size="sm"
                  value={ratings.find((r) => r.sessionQuestionId === question.id)?.rating ?? null}
                  onChange={(rating) =>
                    void save(
                      () => unwrap(api.reviews.rateQuestion({ sessionQuestionId: question.id, rating })),
                      'The rating was not saved.',
                      (r) => ({ ...r, questionRatings: withQuestionRating(r.questionRatings, question, rating) }),
                    )
                  }
                />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
