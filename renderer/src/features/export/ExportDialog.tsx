import { useState, type FormEvent } from 'react';
import type { ExportOutcome, SessionDetail } from '../../../../shared/domain/types';
import { ApiError, api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatClock } from '../../lib/format';
import { useModalDialog } from '../../ui/useModalDialog';
import { useProcessingStore } from '../review/processingStore';
import { ProgressBar, downloadText, formatBytes, percent, useShareProgress } from './share';
import './export.css';

// Export one interview as an .interview bundle: MP4 or WebM, the PDF report, and redaction
// (trim the start and end, drop chosen answers). A progress bar while it writes; Stop removes
// what was written. session.json alone is one click away.

type Phase = { kind: 'form' } | { kind: 'running' } | { kind: 'done'; outcome: ExportOutcome } | { kind: 'error'; message: string };

/** "1:05" or "65" → 65_000; empty → null; anything else → NaN. */
function parseClock(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  const parts = t.split(':').map(Number);
  if (parts.some((n) => !Number.isFinite(n) || n < 0) || parts.length > 3) return NaN;
  return Math.round(parts.reduce((total, n) => total * 60 + n, 0) * 1000);
}

export function ExportButton({ detail }: { detail: SessionDetail }) {
  const [open, setOpen] = useState(false);
  const disabled = detail.session.status === 'in_progress';
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="export-open"
        disabled={disabled}
        title={disabled ? 'An interview can be exported once it has ended.' : 'Export this interview to share or back up'}
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      {open && <ExportDialog detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ detail, onClose }: { detail: SessionDetail; onClose: () => void }) {
  const dialog = useModalDialog(true);
  const media = useProcessingStore((s) => s.processing?.media ?? []);
  const hasMp4 = media.some((m) => m.kind === 'mp4') || detail.recording?.mimeType.startsWith('video/mp4') === true;
  const [video, setVideo] = useState<'mp4' | 'webm'>(hasMp4 ? 'mp4' : 'webm');
  const [includeReport, setIncludeReport] = useState(true);
  const [trimStart, setTrimStart] = useState('');
  const [trimEnd, setTrimEnd] = useState('');
  const [dropped, setDropped] = useState<string[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [operationId, setOperationId] = useState<string | null>(null);
  const progress = useShareProgress(operationId);
  const durationMs = detail.recording?.durationMs ?? detail.session.durationMs ?? 0;
  const answered = detail.questions.filter((q) => q.answerStartedOffsetMs !== null && q.answerEndedOffsetMs !== null);

  const start = parseClock(trimStart);
  const end = parseClock(trimEnd);
  const trimError =
    Number.isNaN(start) || Number.isNaN(end)
      ? 'Write times as minutes:seconds, e.g. 1:05.'
      : start !== null && end !== null && end <= start
        ? 'The end must come after the start.'
        : (start ?? 0) >= durationMs && durationMs > 0
          ? `The recording is only ${formatClock(durationMs)} long.`
          : null;
  const redacting = (start ?? 0) > 0 || end !== null || dropped.length > 0;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (trimError || phase.kind === 'running') return;
    const id = crypto.randomUUID();
    setOperationId(id);
    setPhase({ kind: 'running' });
    try {
      const outcome = await unwrap(
        api.share.export({
          operationId: id,
          sessionIds: [detail.session.id],
          video,
          includeReport,
          redactions: redacting
            ? { [detail.session.id]: { trimStartMs: start ?? 0, trimEndMs: end, dropQuestionIds: dropped } }
            : undefined,
        }),
      );
      setPhase(outcome.saved ? { kind: 'done', outcome } : { kind: 'form' });
    } catch (error) {
      const cancelled = error instanceof ApiError && error.code === 'cancelled';
      setPhase(cancelled ? { kind: 'form' } : { kind: 'error', message: describeError(error, 'The interview could not be exported.') });
    } finally {
      setOperationId(null);
    }
  };
  const stop = () => {
    if (operationId) void api.share.cancel({ operationId });
  };
  const close = () => {
    stop();
    onClose();
  };
  const downloadJson = async () => {
    try {
      const file = await unwrap(api.share.sessionJson({ sessionId: detail.session.id }));
      downloadText(file.fileName, file.text, 'application/json');
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The session data could not be exported.') });
    }
  };

  const running = phase.kind === 'running';
  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="export-title" data-testid="export-dialog" onClose={close}>
      <form onSubmit={(e) => void run(e)}>
        <h2 id="export-title">Export interview</h2>
        <p>One .interview file with the recording, the transcript, scores, review and a PDF report. Another computer can import it.</p>

        {phase.kind !== 'done' && (
          <>
        <fieldset className="field" disabled={running}>
          <legend>Video</legend>
          <div className="choice-list choice-row">
            <label className={`choice ${video === 'mp4' ? 'selected' : ''}`}>
              <input type="radio" name="video" data-testid="export-mp4" checked={video === 'mp4'} disabled={!hasMp4} onChange={() => setVideo('mp4')} />
              <span>
                <strong>MP4</strong>
                <span className="muted">{hasMp4 ? 'Plays everywhere' : 'Not made yet'}</span>
              </span>
            </label>
            <label className={`choice ${video === 'webm' ? 'selected' : ''}`}>
              <input type="radio" name="video" data-testid="export-webm" checked={video === 'webm'} onChange={() => setVideo('webm')} />
              <span>
                <strong>WebM</strong>
                <span className="muted">The original recording</span>
              </span>
            </label>
          </div>
        </fieldset>

        <label className="check-line">
          <input type="checkbox" data-testid="export-report" checked={includeReport} disabled={running} onChange={(e) => setIncludeReport(e.target.checked)} />
          Include the PDF report
        </label>

        <details className="share-redact" open={redacting}>
          <summary>Remove parts before export</summary>
          <fieldset className="share-trim" disabled={running}>
            <label>
              Start at
              <input data-testid="export-trim-start" inputMode="numeric" placeholder="0:00" value={trimStart} onChange={(e) => setTrimStart(e.target.value)} />
            </label>
            <label>
              End at
              <input data-testid="export-trim-end" inputMode="numeric" placeholder={formatClock(durationMs)} value={trimEnd} onChange={(e) => setTrimEnd(e.target.value)} />
            </label>
          </fieldset>
          {trimError && (
            <p className="field-error" role="alert">
              {trimError}
            </p>
          )}
          {answered.length > 0 && (
            <fieldset className="share-answers" disabled={running}>
              <legend>Leave out answers (video, transcript and scores)</legend>
              {answered.map((q) => (
                <label key={q.id} className="check-line">
                  <input
                    type="checkbox"
                    data-testid={`export-drop-${q.position}`}
                    checked={dropped.includes(q.id)}
                    onChange={(e) => setDropped((d) => (e.target.checked ? [...d, q.id] : d.filter((x) => x !== q.id)))}
                  />
                  <span>
                    {q.position + 1}. {q.text} <span className="muted">({formatClock(q.answerStartedOffsetMs!)}–{formatClock(q.answerEndedOffsetMs!)})</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {redacting && <p className="hint">The recording is re-encoded without the removed parts; the report lists what was removed.</p>}
        </details>

          </>
        )}
        {running && (
          <ProgressBar value={percent(progress)} label={progress?.stage === 'redacting' ? 'Cutting the recording…' : 'Writing the bundle…'} />
        )}
        {phase.kind === 'done' && (
          <div className="notice share-result" role="status" data-testid="export-done">
            Saved {phase.outcome.fileName} ({formatBytes(phase.outcome.bytes)}).
            {phase.outcome.downloadUrl && (
              <a className="btn btn-primary" href={phase.outcome.downloadUrl} download={phase.outcome.fileName} data-testid="export-download">
                Download
              </a>
            )}
          </div>
        )}
        {phase.kind === 'error' && (
          <p className="field-error" role="alert" data-testid="export-error">
            {phase.message}
          </p>
        )}

        <div className="dialog-actions">
          {running ? (
            <button type="button" className="btn btn-danger" data-testid="export-stop" onClick={stop}>
              Stop export
            </button>
          ) : (
            <button type="submit" className="btn btn-primary" data-testid="export-start" disabled={trimError !== null} autoFocus>
              {phase.kind === 'done' ? 'Export again' : 'Export'}
            </button>
          )}
          <button type="button" className="btn btn-ghost" disabled={running} onClick={() => void downloadJson()} data-testid="export-json">
            Data only (JSON)
          </button>
          <button type="button" className="btn btn-ghost" onClick={close}>
            {phase.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
