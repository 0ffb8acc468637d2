import type { JobKind } from '../../../../shared/domain/enums';
import { routes } from '../../app/router';
import { Spinner } from '../../ui/states';
import { canRetry, explainJob, latestJob } from './jobs';
import { JobProgress } from './ProcessingCard';
import { useProcessingStore } from './processingStore';

interface PendingTexts {
  /** The job has not been created yet. */
  notYet: string;
  queued: string;
  running: string;
  /** Before the job's error sentence: "Transcription failed:". */
  failed: string;
  /** The job succeeded but produced nothing. */
  empty: string;
}

interface Props {
  kind: JobKind;
  texts: PendingTexts;
  testId?: string;
}

/** Why a result (transcript, scores) is not there yet, from the state of the job that makes it. */
export function PendingResult({ kind, texts, testId }: Props) {
  const processing = useProcessingStore((s) => s.processing);
  const job = latestJob(processing, kind);
  const jobId = job?.id ?? -1;
  const live = useProcessingStore((s) => s.live[jobId]);
  const busy = useProcessingStore((s) => s.busy[jobId] ?? false);
  const retry = useProcessingStore((s) => s.retry);
  const aiOff = processing?.stages.analysis === 'off';

  if (!job) {
    return (
      <div className="pending-result" data-testid={testId} data-state="none">
        <p>{aiOff ? 'AI analysis is turned off.' : texts.notYet}</p>
        {aiOff && (
          <p className="muted">
            Turn it on in <a href={routes.settings()}>Settings</a> to get a transcript and scores.
          </p>
        )}
      </div>
    );
  }
  if (job.status === 'running') {
    return (
      <div className="pending-result" data-testid={testId} data-state="running">
        <p>
          <Spinner size="sm" /> {texts.running}
        </p>
        <JobProgress job={job} live={live} />
      </div>
    );
  }
  if (job.status === 'succeeded') {
    return (
      <div className="pending-result" data-testid={testId} data-state="empty">
        <p>{texts.empty}</p>
      </div>
    );
  }
  const explanation = job.status === 'queued' && job.error === null ? null : explainJob(job, aiOff);
  return (
    <div className="pending-result" data-testid={testId} data-state={job.status}>
      {explanation ? (
        <>
          <p className={`tone-${explanation.tone}`}>
            {job.status === 'failed' ? `${texts.failed} ${explanation.text}` : explanation.text}
          </p>
          {explanation.detail && <p className="muted">{explanation.detail}</p>}
        </>
      ) : (
        <p>{texts.queued}</p>
      )}
      <div className="row">
        {explanation?.settingsLink && (
          <a className="btn btn-small" href={routes.settings()}>
            Open settings
          </a>
        )}
        {canRetry(job) && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void retry(job.id)}>
            {job.status === 'cancelled' ? 'Start again' : 'Retry'}
          </button>
        )}
      </div>
    </div>
  );
}
