import { useEffect, useRef, useState } from 'react';
import { compareFigures } from '../../../../shared/domain/compare';
import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import { currentQuestionId } from '../../../../shared/domain/timeline';
import { useInfoStore } from '../../app/infoStore';
import { navigate, routes } from '../../app/router';
import { formatClock, formatDate, formatDuration } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState, Notice } from '../../ui/states';
import { wholeInterview } from '../review/metrics';
import { formatScore, scoreTone } from '../review/scores';
import { DifferencesTable } from './DifferencesTable';
import { sideKey, useCompareStore, type SideData, type SideRef, type SideState } from './store';
import './compare.css';

function sideTitle(data: SideData): string {
  const { session } = data.detail;
  return `${INTERVIEW_TYPE_LABELS[session.interviewType]} · ${formatDate(session.startedAt ?? session.createdAt)}`;
}

function SideView({ side, label }: { side: SideState | undefined; label: string }) {
  const info = useInfoStore((s) => s.info);
  const video = useRef<HTMLVideoElement>(null);
  const [positionMs, setPositionMs] = useState(0);
  if (!side || side.status === 'loading') return <LoadingState label="Loading the interview…" />;
  if (side.status === 'error') return <ErrorState message={side.error} />;
  const { detail, processing } = side.data;
  const recording = detail.recording;
  const mp4 = processing.media.find((m) => m.kind === 'mp4');
  const thumbnail = processing.media.find((m) => m.kind === 'thumbnail');
  const src = info && recording?.status === 'finalized' ? info.mediaBaseUrl + recording.path : mp4 && info ? info.mediaBaseUrl + mp4.path : null;
  const current = currentQuestionId(detail.questions, positionMs);
  const scores = processing.evaluation?.questions;
  const seek = (ms: number) => {
    if (!video.current) return;
    video.current.currentTime = ms / 1000;
    void video.current.play().catch((error: unknown) => console.error(error));
  };
  return (
    <section className="card compare-side" data-testid="compare-side" data-session-id={detail.session.id} aria-label={label}>
      <header className="compare-side-head">
        <span className="compare-side-label">{label}</span>
        <div>
          <h2>
            <a href={routes.session(detail.session.id)}>{detail.candidate.name}</a>
          </h2>
          <p className="muted">
            {sideTitle(side.data)} · {detail.session.jobTitle} · {formatDuration(recording?.durationMs ?? detail.session.durationMs)}
          </p>
        </div>
      </header>
      {src ? (
        <video
          ref={video}
          className="player-video"
          src={src}
          poster={thumbnail && info ? info.mediaBaseUrl + thumbnail.path : undefined}
          controls
          preload="metadata"
          data-testid="compare-video"
          onTimeUpdate={(e) => setPositionMs(e.currentTarget.currentTime * 1000)}
          onSeeked={(e) => setPositionMs(e.currentTarget.currentTime * 1000)}
        />
      ) : (
        <Notice tone="info">This interview has no playable recording.</Notice>
      )}
      <ol className="compare-questions" aria-label={`Questions of ${label}`}>
        {detail.questions.map((q) => {
          const offset = q.askedOffsetMs;
          const score = scores?.find((s) => s.sessionQuestionId === q.id);
          return (
            <li key={q.id} className={q.id === current ? 'current' : undefined} aria-current={q.id === current ? 'true' : undefined}>
              <button type="button" disabled={offset === null || !src} onClick={() => offset !== null && seek(offset)}>
                <span className="question-item-number">{q.position + 1}</span>
                <span className="compare-question-text">{q.text}</span>
                <span className="mono muted">{offset === null ? 'not asked' : formatClock(offset)}</span>
                {score && <span className={`score-chip score-${scoreTone(score.score)}`}>{formatScore(score.score)}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function MetricsTable({ a, b }: { a: SideData; b: SideData }) {
  const figures = (data: SideData) => ({
    evaluation: data.processing.evaluation,
    voice: wholeInterview(data.processing.voice),
    reviewerRating: data.review.review.overallRating,
  });
  const rows = compareFigures(figures(a), figures(b));
  if (rows.length === 0) {
    return <Notice tone="info">Neither interview has scores or delivery metrics yet; they appear once processing is done.</Notice>;
  }
  return <DifferencesTable rows={rows} titles={[sideTitle(a), sideTitle(b)]} />;
}

function Picker({ a, b }: { a: SideData | null; b: string | null }) {
  const sessions = useCompareStore((s) => s.sessions);
  const error = useCompareStore((s) => s.sessionsError);
  const loadSessions = useCompareStore((s) => s.loadSessions);
  if (error) return <ErrorState message={error} onRetry={() => void loadSessions()} />;
  if (!sessions || !a) return null;
  const self = a.detail.session;
  const others = sessions.filter((s) => s.session.id !== self.id && s.recording !== null);
  const sameCandidate = others.filter((s) => s.session.candidateId === self.candidateId);
  const sameType = others.filter((s) => s.session.candidateId !== self.candidateId && s.session.interviewType === self.interviewType);
  const option = (s: (typeof others)[number]) => (
    <option key={s.session.id} value={s.session.id}>
      {s.candidateName} · {INTERVIEW_TYPE_LABELS[s.session.interviewType]} · {s.session.jobTitle} · {formatDate(s.session.startedAt ?? s.session.createdAt)}
    </option>
  );
  if (sameCandidate.length + sameType.length === 0) {
    return (
      <EmptyState title="Nothing to compare with yet">
        Another recorded interview of {a.detail.candidate.name}, or another {INTERVIEW_TYPE_LABELS[self.interviewType].toLowerCase()} interview,
        can be compared with this one.
      </EmptyState>
    );
  }
  return (
    <div className="compare-picker">
      <label htmlFor="compare-with">Compare with</label>
      <select id="compare-with" data-testid="compare-with" value={b ?? ''} onChange={(e) => navigate(routes.compare(self.id, e.target.value || null))}>
        <option value="">Choose an interview…</option>
        {sameCandidate.length > 0 && <optgroup label={`${a.detail.candidate.name}’s other interviews`}>{sameCandidate.map(option)}</optgroup>}
        {sameType.length > 0 && <optgroup label={`Other ${INTERVIEW_TYPE_LABELS[self.interviewType].toLowerCase()} interviews`}>{sameType.map(option)}</optgroup>}
      </select>
      {b && (
        <button type="button" className="btn btn-small" data-testid="compare-swap" onClick={() => navigate(routes.compare(b, self.id))}>
          Swap sides
        </button>
      )}
    </div>
  );
}

export function CompareScreen({ a, b }: { a: string; b: string | null }) {
  const refA: SideRef = { kind: 'session', sessionId: a };
  const refB: SideRef | null = b ? { kind: 'session', sessionId: b } : null;
  const sideA = useCompareStore((s) => s.sides[sideKey(refA)]);
  const sideB = useCompareStore((s) => (refB ? s.sides[sideKey(refB)] : undefined));
  const loadSide = useCompareStore((s) => s.loadSide);
  const loadSessions = useCompareStore((s) => s.loadSessions);

  useEffect(() => {
    void loadSessions();
    void loadSide({ kind: 'session', sessionId: a });
    if (b) void loadSide({ kind: 'session', sessionId: b });
  }, [a, b, loadSide, loadSessions]);

  const dataA = sideA?.status === 'ready' ? sideA.data : null;
  const dataB = sideB?.status === 'ready' ? sideB.data : null;
  return (
    <div className="page compare" data-testid="compare-screen">
      <div className="page-header">
        <div>
          <h1>Compare interviews</h1>
          <p className="muted">Two interviews side by side, with the differences in scores and delivery.</p>
        </div>
        <a className="btn btn-ghost" href={routes.session(a)}>
          Back to the interview
        </a>
      </div>
      <Picker a={dataA} b={b} />
      {b === null ? (
        <div className="compare-sides compare-sides-single">
          <SideView side={sideA} label="A" />
        </div>
      ) : (
        <>
          <div className="compare-sides">
            <SideView side={sideA} label="A" />
            <SideView side={sideB} label="B" />
          </div>
          {dataA && dataB && (
            <section className="card" aria-labelledby="compare-metrics-title">
              <h2 id="compare-metrics-title" className="card-title">
                Differences
              </h2>
              <MetricsTable a={dataA} b={dataB} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
