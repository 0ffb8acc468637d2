import type { ReactNode } from 'react';
import { talkShare } from '../../../../shared/domain/compare';
import { LONG_PAUSE_MS, type SessionQuestion, type VoiceMetrics } from '../../../../shared/domain/types';
import { formatDuration, formatSeconds, plural } from '../../lib/format';
import { LoadingState } from '../../ui/states';
import { explainJob, latestJob } from './jobs';
import {
  formatClipping,
  formatLufs,
  formatPauses,
  formatWpm,
  loudnessVerdict,
  topFillers,
  wholeInterview,
} from './metrics';
import { useProcessingStore } from './processingStore';

function Metric({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId?: string }) {
  return (
    <div className="metric" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="metric-value">{value}</span>
        {note && <span className="metric-note muted">{note}</span>}
      </dd>
    </div>
  );
}

function Metrics({ m, hasTranscript }: { m: VoiceMetrics; hasTranscript: boolean }) {
  const share = talkShare(m);
  return (
    <>
      <div className="talk-split">
        <div className="talk-split-bar" aria-hidden="true">
          <span style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
        </div>
        <p>
          <strong>{formatDuration(m.talkMs)}</strong> talking · <strong>{formatDuration(m.silenceMs)}</strong> silent
          {share !== null && <span className="muted"> ({Math.round(share * 100)}% talking)</span>}
        </p>
      </div>
      <dl className="metrics">
        <Metric label="Long pauses" value={formatPauses(m)} testId="metric-pauses" />
        {m.integratedLufs !== null && (
          <Metric
            label="Loudness"
            value={formatLufs(m.integratedLufs)}
            note={`${loudnessVerdict(m.integratedLufs)}${m.loudnessRangeLu !== null ? ` · range ${Math.round(m.loudnessRangeLu)} LU` : ''}`}
            testId="metric-loudness"
          />
        )}
        {m.clippingPercent !== null && (
          <Metric
            label="Clipping"
            value={formatClipping(m.clippingPercent)}
            note={m.clippingPercent >= 1 ? 'the microphone is too loud in places' : undefined}
          />
        )}
        {m.wordsPerMinute !== null && (
          <Metric
            label="Pace"
            value={formatWpm(m.wordsPerMinute)}
            note={m.wordsPerMinute < 110 ? 'slow' : m.wordsPerMinute > 170 ? 'fast' : 'comfortable'}
            testId="metric-wpm"
          />
        )}
        {m.fillerCount !== null && (
          <Metric
            label="Filler words"
            value={m.fillerCount === 0 ? 'None' : plural(m.fillerCount ?? 0, 'filler word')}
            note={topFillers(m)
              .map(([word, count]) => `“${word}” ×${count}`)
              .join(', ')}
            testId="metric-fillers"
          />
        )}
        {m.responseLatencyMs !== null && (
          <Metric label="Time to start answering" value={formatSeconds(m.responseLatencyMs)} note="on average" />
        )}
        {m.answerWords !== null && <Metric label="Answer length" value={plural(m.answerWords, 'word')} note="in all answers" />}
      </dl>
      {!hasTranscript && m.wordsPerMinute === null && m.fillerCount === null && (
        <p className="hint">Pace, filler words and answer length appear once there is a transcript.</p>
      )}
    </>
  );
}

const NONE = '—';

/** One row per measured answer, so answers can be compared at a glance. */
function PerAnswer({ voice, questions }: { voice: VoiceMetrics[]; questions: SessionQuestion[] }) {
  const rows = questions.flatMap((question) => {
    const m = voice.find((v) => v.sessionQuestionId === question.id);
    return m ? [{ question, m }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <table className="answer-metrics" data-testid="answer-metrics">
      <caption>Per answer</caption>
      <thead>
        <tr>
          <th scope="col">Answer</th>
          <th scope="col">Talking</th>
          <th scope="col">Pauses over {formatSeconds(LONG_PAUSE_MS)}</th>
          <th scope="col">Pace</th>
          <th scope="col">Fillers</th>
          <th scope="col">Started after</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ question, m }) => {
          const share = talkShare(m);
          return (
            <tr key={question.id} data-testid="answer-metrics-row">
              <th scope="row" title={question.text}>
                <span className="answer-metrics-question">
                  {question.position + 1}. {question.text}
                </span>
              </th>
              <td>{share === null ? NONE : `${Math.round(share * 100)}%`}</td>
              <td>{m.longPauseCount === 0 ? 'none' : `${m.longPauseCount} (longest ${formatSeconds(m.longestPauseMs)})`}</td>
              <td>{m.wordsPerMinute === null ? NONE : formatWpm(m.wordsPerMinute)}</td>
              <td>{m.fillerCount ?? NONE}</td>
              <td>{m.responseLatencyMs === null ? NONE : formatSeconds(m.responseLatencyMs)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DeliveryCard({ questions }: { questions: SessionQuestion[] }) {
  const status = useProcessingStore((s) => s.status);
  const processing = useProcessingStore((s) => s.processing);
  const whole = processing ? wholeInterview(processing.voice) : null;
  const hasTranscript = Boolean(processing?.transcript);
  const job = latestJob(processing, 'voice_metrics');

  let empty: ReactNode = null;
  if (!whole && processing) {
    if (!job) empty = 'Delivery metrics are measured after the recording is processed.';
    else if (job.status === 'running' || job.status === 'queued') empty = 'Measuring the delivery…';
    else if (job.status === 'succeeded') empty = 'No speech was found to measure.';
    else empty = explainJob(job, false).text;
  }

  return (
    <section className="card delivery-card" aria-labelledby="delivery-heading" data-testid="voice-metrics">
      <div className="card-title">
        <h2 id="delivery-heading">Delivery</h2>
        <span className="muted">measured on this computer</span>
      </div>
      {status === 'loading' && <LoadingState label="Loading…" />}
      {whole ? (
        <>
          <Metrics m={whole} hasTranscript={hasTranscript} />
          <PerAnswer voice={processing?.voice ?? []} questions={questions} />
        </>
      ) : (
        empty && <p className="muted">{empty}</p>
      )}
    </section>
  );
}
