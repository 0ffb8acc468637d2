import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { compareFigures, takeFigures } from '../../../../shared/domain/compare';
import { transcriptExcerpt } from '../../../../shared/domain/transcript';
import type { AnswerTake, Processing, TakeMetrics } from '../../../../shared/domain/types';
import { useInfoStore } from '../../app/infoStore';
import { navigate, routes } from '../../app/router';
import { api } from '../../lib/api';
import { ErrorState, LoadingState, Notice } from '../../ui/states';
import { explainJob, latestJob } from '../review/jobs';
import { takeSpan } from '../review/TakeList';
import { isTyping } from '../review/usePlayerKeys';
import { DifferencesTable } from './DifferencesTable';
import { takesKey, useCompareStore, type TakeMetricsState, type TakesData } from './store';
import { playTake, TakePlayer, toggleTake } from './TakePlayer';
import './compare.css';

const TAKE_HINTS = { latency: 'from the take’s start to the first word; sooner is better' };

/** Where a take's player runs: an unclosed take (cut off by a crash) runs to the recording's end. */
function rangeOf(take: AnswerTake, data: TakesData): { startMs: number; endMs: number } {
  const end = take.endedOffsetMs ?? data.detail.recording?.durationMs ?? take.startedOffsetMs;
  return { startMs: take.startedOffsetMs, endMs: Math.max(take.startedOffsetMs, end) };
}

/** Why a side has no excerpt, from the transcription job's state. */
function NoExcerpt({ processing }: { processing: Processing }) {
  const aiOff = processing.stages.analysis === 'off';
  const job = latestJob(processing, 'transcribe');
  const why = job ? explainJob(job, aiOff) : null;
  return (
    <p className="muted" data-testid="take-excerpt-missing">
      {aiOff
        ? 'No transcript: AI analysis is turned off for this interview.'
        : !job
          ? 'No transcript yet: it is made once the audio has been extracted.'
          : job.status === 'succeeded'
            ? 'No speech was recognised in this recording.'
            : `No transcript yet. ${why?.text ?? ''}`}
      {why?.settingsLink && (
        <>
          {' '}
          <a href={routes.settings()}>Settings</a>
        </>
      )}
    </p>
  );
}

function metricsOf(state: TakeMetricsState, take: AnswerTake): TakeMetrics | null {
  return state.status === 'ready' ? (state.metrics.find((m) => m.takeId === take.id) ?? null) : null;
}

/** The sentence under a side when its figures are not there. */
function MetricsNote({ state, take }: { state: TakeMetricsState; take: AnswerTake }) {
  if (state.status === 'loading') return <p className="muted" role="status">Measuring the takes…</p>;
  if (state.status === 'ready') {
    if (metricsOf(state, take)) return null;
    return (
      <Notice tone="info">
        {take.endedOffsetMs === null
          ? 'This take was cut off before it ended (the app stopped mid-answer), so it has no range to measure.'
          : 'This take could not be measured.'}
      </Notice>
    );
  }
  return null;
}

interface SideProps {
  label: 'A' | 'B';
  take: AnswerTake;
  data: TakesData;
  register: (element: HTMLVideoElement | null) => void;
  onPlay: () => void;
}

function TakeSide({ label, take, data, register, onPlay }: SideProps) {
  const info = useInfoStore((s) => s.info);
  const { recording } = data.detail;
  const media = (kind: 'mp4' | 'thumbnail') => {
    const file = data.processing.media.find((m) => m.kind === kind);
    return file && info ? info.mediaBaseUrl + file.path : null;
  };
  const { startMs, endMs } = rangeOf(take, data);
  const transcript = data.processing.transcript;
  const excerpt = transcript ? transcriptExcerpt(transcript, startMs, endMs) : null;
  const name = `take ${take.takeNumber}`;
  return (
    <section className="card compare-side" data-testid="compare-side" data-take-id={take.id} aria-label={`${label}: take ${take.takeNumber}`}>
      <header className="compare-side-head">
        <span className="compare-side-label">{label}</span>
        <div>
          <h2>
            Take {take.takeNumber}{' '}
            {take.chosen ? (
              <span className="badge badge-completed" data-testid="take-counts">
                Counts
              </span>
            ) : (
              <span className="badge">Not counted</span>
            )}
          </h2>
          <p className="muted mono">{takeSpan(take)}</p>
        </div>
      </header>
      {recording?.status === 'finalized' && info ? (
        <TakePlayer
          // A side showing another take (swapped, picked) starts again at that take.
          key={`${take.id}|${recording.path}`}
          register={register}
          src={info.mediaBaseUrl + recording.path}
          fallbackSrc={media('mp4')}
          poster={media('thumbnail')}
          startMs={startMs}
          endMs={endMs}
          name={name}
          onPlay={onPlay}
        />
      ) : null}
      <MetricsNote state={data.metrics} take={take} />
      <div className="take-excerpt">
        <h3>What was said</h3>
        {excerpt ? (
          <blockquote data-testid="take-excerpt">{excerpt}</blockquote>
        ) : transcript ? (
          <p className="muted" data-testid="take-excerpt-missing">
            Nothing was transcribed in this take.
          </p>
        ) : (
          <NoExcerpt processing={data.processing} />
        )}
      </div>
    </section>
  );
}

function TakePicker({ data, a, b }: { data: TakesData; a: string; b: string }) {
  const { detail, question } = data;
  const go = (nextA: string, nextB: string) => navigate(routes.compareTakes(detail.session.id, nextA, nextB));
  const select = (side: 'A' | 'B', value: string, other: string, onChange: (id: string) => void) => (
    <label className="compare-take-select">
      <span>{side}</span>
      <select data-testid={`take-select-${side.toLowerCase()}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {question.takes.map((t) => (
          <option key={t.id} value={t.id} disabled={t.id === other}>
            Take {t.takeNumber}
            {t.chosen ? ' (counts)' : ''} · {takeSpan(t)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="compare-picker">
      {question.takes.length > 2 && (
        <>
          {select('A', a, b, (id) => go(id, b))}
          {select('B', b, a, (id) => go(a, id))}
        </>
      )}
      <button type="button" className="btn btn-small" data-testid="compare-swap" onClick={() => go(b, a)}>
        Swap sides
      </button>
      <p className="key-hints">
        <kbd>1</kbd>
        <kbd>2</kbd> play take A / B from its start · <kbd>Space</kbd> play/pause
      </p>
    </div>
  );
}

type Range = { startMs: number; endMs: number } | null;
type Players = RefObject<[HTMLVideoElement | null, HTMLVideoElement | null]>;

/** 1/2 play a side from its take's start (the other stops), Space plays or pauses the side last used. */
function useTakeKeys(players: Players, last: RefObject<0 | 1>, ranges: [Range, Range]) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const side = event.key === '1' ? 0 : event.key === '2' ? 1 : event.key === ' ' ? last.current : null;
      const player = side === null ? null : players.current[side];
      const range = side === null ? null : ranges[side];
      if (side === null || !player || !range) return;
      // A focused button would be clicked by Space as well.
      event.preventDefault();
      last.current = side;
      if (event.key === ' ') toggleTake(player, range.startMs, range.endMs);
      else playTake(player, range.startMs, range.endMs, true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [players, last, ranges]);
}

export function TakeCompareScreen({ sessionId, a, b }: { sessionId: string; a: string; b: string }) {
  const state = useCompareStore((s) => s.takes[takesKey(sessionId, a, b)]);
  const loadTakes = useCompareStore((s) => s.loadTakes);
  const players: Players = useRef<[HTMLVideoElement | null, HTMLVideoElement | null]>([null, null]);
  const last = useRef<0 | 1>(0);
  const registerA = useCallback((element: HTMLVideoElement | null) => void (players.current[0] = element), []);
  const registerB = useCallback((element: HTMLVideoElement | null) => void (players.current[1] = element), []);

  useEffect(() => {
    void loadTakes(sessionId, a, b);
    // A recording made playable meanwhile can now be played and measured.
    return api.recording.onUpdated((recording) => {
      if (recording.sessionId === sessionId && recording.status === 'finalized') void loadTakes(sessionId, a, b);
    });
  }, [sessionId, a, b, loadTakes]);

  const data = state?.status === 'ready' ? state.data : null;
  const takeA = data?.question.takes.find((t) => t.id === a) ?? null;
  const takeB = data?.question.takes.find((t) => t.id === b) ?? null;
  const ranges = useMemo<[Range, Range]>(
    () => [takeA && data ? rangeOf(takeA, data) : null, takeB && data ? rangeOf(takeB, data) : null],
    [takeA, takeB, data],
  );
  useTakeKeys(players, last, ranges);
  const playing = useCallback((side: 0 | 1) => {
    last.current = side;
    players.current[side === 0 ? 1 : 0]?.pause();
  }, []);
  const onPlayA = useCallback(() => playing(0), [playing]);
  const onPlayB = useCallback(() => playing(1), [playing]);

  const chosen = data?.question.takes.find((t) => t.chosen);
  return (
    <div className="page compare" data-testid="take-compare-screen">
      <div className="page-header">
        <div>
          <h1>Compare takes</h1>
          <p className="muted">
            {data ? `Question ${data.question.position + 1}: ${data.question.text}` : 'Two takes of one question side by side, with the differences in delivery.'}
          </p>
          {chosen && (
            <p className="compare-counts" data-testid="take-counting">
              Take {chosen.takeNumber} counts: it is the answer the review, the delivery metrics and the scores use.
            </p>
          )}
        </div>
        <a className="btn btn-ghost" href={routes.session(sessionId)} data-testid="compare-back">
          Back to the review
        </a>
      </div>
      {!state || state.status === 'loading' ? (
        <LoadingState label="Loading the takes…" />
      ) : state.status === 'error' ? (
        <ErrorState message={state.error} onRetry={() => void loadTakes(sessionId, a, b)} />
      ) : (
        takeA &&
        takeB && (
          <>
            <TakePicker data={state.data} a={a} b={b} />
            {state.data.metrics.status === 'unavailable' && <Notice tone="info">{state.data.metrics.reason}</Notice>}
            {state.data.metrics.status === 'error' && <ErrorState message={state.data.metrics.error} onRetry={() => void loadTakes(sessionId, a, b)} />}
            <div className="compare-sides">
              <TakeSide label="A" take={takeA} data={state.data} register={registerA} onPlay={onPlayA} />
              <TakeSide label="B" take={takeB} data={state.data} register={registerB} onPlay={onPlayB} />
            </div>
            {state.data.metrics.status === 'ready' && <TakeDifferences metrics={state.data.metrics.metrics} a={takeA} b={takeB} />}
          </>
        )
      )}
    </div>
  );
}

function TakeDifferences({ metrics, a, b }: { metrics: TakeMetrics[]; a: AnswerTake; b: AnswerTake }) {
  const of = (take: AnswerTake) => metrics.find((m) => m.takeId === take.id) ?? null;
  const rows = compareFigures(takeFigures(of(a)), takeFigures(of(b)));
  return (
    <section className="card" aria-labelledby="compare-metrics-title">
      <h2 id="compare-metrics-title" className="card-title">
        Differences
      </h2>
      {rows.length === 0 ? (
        <Notice tone="info">Neither take could be measured.</Notice>
      ) : (
        <DifferencesTable rows={rows} titles={[`Take ${a.takeNumber}`, `Take ${b.takeNumber}`]} hints={TAKE_HINTS} />
      )}
    </section>
  );
}
