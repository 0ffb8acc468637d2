import { ANALYSIS_KINDS } from '../../../../shared/domain/stages';
import type { Job, MediaFile, Processing, StageStatus } from '../../../../shared/domain/types';
import { routes } from '../../app/router';
import { formatBytes, formatTimeLeft } from '../../lib/format';
import { ErrorState, LoadingState, Notice, Spinner } from '../../ui/states';
import { canCancel, canRetry, explainJob, JOB_LABELS, JOB_STATE_LABELS, jobState, latestJobs, STAGE_LABELS } from './jobs';
import { useProcessingStore, type LiveProgress } from './processingStore';

const STAGES = [
  { key: 'recording', label: 'Recording', hint: 'Saved and made seekable' },
  { key: 'processing', label: 'Processing', hint: 'Poster frame, audio, delivery metrics, MP4' },
  { key: 'analysis', label: 'AI analysis', hint: 'Transcript and scores' },
] as const;

function StageChip({ status, label = STAGE_LABELS[status] }: { status: StageStatus; label?: string }) {
  return (
    <span className={`chip chip-${status}`}>
      {status === 'running' && <Spinner size="sm" />}
      {label}
    </span>
  );
}

/** Most urgent first: what the header's one-line status names. */
const URGENCY: readonly StageStatus[] = ['failed', 'running', 'waiting', 'pending'];

/**
 * The background work in one line for the session header, since the card itself sits below the
 * fold; a click brings the card into view.
 */
export function ProcessingFact() {
  const processing = useProcessingStore((s) => s.processing);
  if (!processing || processing.jobs.length === 0) return null;
  const { stages } = processing;
  const urgent = URGENCY.flatMap((status) => STAGES.filter((stage) => stages[stage.key] === status))[0];
  const status = urgent ? stages[urgent.key] : 'done';
  return (
    <div>
      <dt>Processing</dt>
      <dd>
        <button type="button" className="fact-button" data-testid="processing-summary" data-status={status} onClick={showCard}>
          <StageChip status={status} label={summaryLabel(processing, urgent ?? null)} />
        </button>
      </dd>
    </div>
  );
}

function summaryLabel(processing: Processing, stage: (typeof STAGES)[number] | null): string {
  if (stage === null) return processing.stages.analysis === 'off' ? 'Done · AI off' : 'Done';
  const status = processing.stages[stage.key];
  if (stage.key === 'analysis' && status === 'waiting') {
    const waiting = latestJobs(processing.jobs).find((j) => j.status === 'waiting' && ANALYSIS_KINDS.includes(j.kind));
    if (waiting?.waitReason === 'ai_settings') return 'Waiting for AI settings';
    if (waiting?.waitReason === 'network') return 'Waiting for the network';
  }
  // Beside the "Processing" label, that stage needs no name.
  if (stage.key === 'processing') return STAGE_LABELS[status];
  return `${stage.label}: ${STAGE_LABELS[status].toLowerCase()}`;
}

function showCard() {
  const heading = document.getElementById('processing-heading');
  heading?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  heading?.focus({ preventScroll: true });
}

/** A bar with percent and time left; without a known fraction it sweeps. */
export function JobProgress({ job, live }: { job: Job; live: LiveProgress | undefined }) {
  const progress = live?.progress ?? job.progress;
  const etaMs = live ? live.etaMs : job.etaMs;
  const percent = progress === null ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className="job-progress">
      <div
        className={`progress ${percent === null ? 'progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={`${JOB_LABELS[job.kind]} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="job-progress"
      >
        <div className="progress-bar" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <span className="job-progress-text mono">
        {percent === null ? 'Working…' : `${percent}%`}
        {etaMs !== null && percent !== null && percent < 100 && <span className="muted"> · {formatTimeLeft(etaMs)}</span>}
      </span>
    </div>
  );
}

const MEDIA_OF_KIND: Partial<Record<Job['kind'], MediaFile['kind']>> = {
  thumbnail: 'thumbnail',
  extract_audio: 'audio',
  transcode_mp4: 'mp4',
};

function JobRow({ job, processing }: { job: Job; processing: Processing }) {
  const live = useProcessingStore((s) => s.live[job.id]);
  const busy = useProcessingStore((s) => s.busy[job.id] ?? false);
  const actionError = useProcessingStore((s) => s.jobErrors[job.id]);
  const retry = useProcessingStore((s) => s.retry);
  const cancel = useProcessingStore((s) => s.cancel);
  const state = jobState(job);
  const explanation = explainJob(job, processing.stages.analysis === 'off');
  const media = MEDIA_OF_KIND[job.kind];
  const file = media ? processing.media.find((m) => m.kind === media) : undefined;

  return (
    <li className="job-row" data-testid="job-row" data-kind={job.kind} data-status={job.status}>
      <div className="job-row-head">
        <span className="job-row-label">{JOB_LABELS[job.kind]}</span>
        <span className={`chip chip-job-${state}`}>{JOB_STATE_LABELS[state]}</span>
        <span className="grow" />
        {file && state === 'succeeded' && <span className="muted job-row-size">{formatBytes(file.bytes)}</span>}
        {canRetry(job) && (
          <button type="button" className="btn btn-small" data-testid="job-retry" disabled={busy} onClick={() => void retry(job.id)}>
            {job.status === 'cancelled' ? 'Start again' : 'Retry'}
          </button>
        )}
        {canCancel(job) && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="job-cancel"
            disabled={busy}
            onClick={() => void cancel(job.id)}
          >
            Cancel
          </button>
        )}
      </div>
      {state === 'running' ? (
        <JobProgress job={job} live={live} />
      ) : (
        state !== 'succeeded' &&
        state !== 'queued' && (
          <p className={`job-row-text tone-${explanation.tone}`} data-testid="job-message">
            {explanation.text}
            {explanation.detail && <span className="muted"> {explanation.detail}</span>}
            {explanation.settingsLink && (
              <>
                {' '}
                <a href={routes.settings()} data-testid="job-settings-link">
                  Open settings
                </a>
              </>
            )}
          </p>
        )
      )}
      {actionError && <p className="field-error">{actionError}</p>}
    </li>
  );
}

function JobList({ jobs, processing }: { jobs: Job[]; processing: Processing }) {
  return (
    <ul className="job-list" aria-label="Steps">
      {jobs.map((job) => (
        <JobRow key={job.id} job={job} processing={processing} />
      ))}
    </ul>
  );
}

export function ProcessingCard() {
  const status = useProcessingStore((s) => s.status);
  const processing = useProcessingStore((s) => s.processing);
  const error = useProcessingStore((s) => s.error);
  const refresh = useProcessingStore((s) => s.refresh);

  const jobs = latestJobs(processing?.jobs ?? []);
  return (
    <section className="card processing-card" aria-labelledby="processing-heading" data-testid="processing-card">
      <h2 id="processing-heading" tabIndex={-1}>
        Processing
      </h2>
      {status === 'loading' && <LoadingState label="Loading the processing status…" />}
      {status === 'error' && <ErrorState message={error ?? 'Could not load the processing status.'} onRetry={() => void refresh()} />}
      {processing && (
        <>
          {error && <Notice tone="error">{error}</Notice>}
          <ol className="stages" aria-label="Stages">
            {STAGES.map((stage) => (
              <li
                key={stage.key}
                className={`stage-step stage-step-${processing.stages[stage.key]}`}
                data-testid={`stage-${stage.key}`}
                data-status={processing.stages[stage.key]}
              >
                <span className="stage-step-label">{stage.label}</span>
                <StageChip status={processing.stages[stage.key]} />
                <span className="stage-step-hint muted">{stage.hint}</span>
              </li>
            ))}
          </ol>
          {jobs.length === 0 ? (
            <p className="muted" data-testid="jobs-empty">
              {processing.stages.recording === 'done'
                ? 'Nothing is queued for this recording.'
                : 'The steps start once the recording is saved and playable.'}
            </p>
          ) : jobs.every((job) => job.status === 'succeeded') ? (
            // Finished steps are history: folded away, still there for their sizes and a re-check.
            <details className="job-details">
              <summary>All {jobs.length} steps done</summary>
              <JobList jobs={jobs} processing={processing} />
            </details>
          ) : (
            <JobList jobs={jobs} processing={processing} />
          )}
        </>
      )}
    </section>
  );
}
