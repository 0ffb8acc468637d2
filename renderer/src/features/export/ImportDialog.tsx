import { useEffect, useRef, useState } from 'react';
import type { BundleSummary, ImportOutcome, OpenRequest } from '../../../../shared/domain/types';
import { routes } from '../../app/router';
import { ApiError, api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useModalDialog } from '../../ui/useModalDialog';
import { useImportDialog } from './openRequests';
import { ChooseFile, ProgressBar, downloadText, formatBytes, percent, useShareProgress } from './share';
import './export.css';

// Import an .interview bundle. In Electron the shell's open dialog picks the file; in a browser
// the page uploads its bytes in chunks first. Main then says what the bundle holds; sessions
// already here are skipped or replaced, as the user chooses.

const UPLOAD_CHUNK = 4 * 1024 * 1024;

type Phase =
  | { kind: 'choose' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'inspecting' }
  | { kind: 'review'; sourceId: string; fileName: string; summary: BundleSummary }
  | { kind: 'importing'; sourceId: string }
  | { kind: 'done'; outcome: ImportOutcome }
  | { kind: 'error'; message: string };

export function LibraryActions({ onImported, hasSessions }: { onImported: () => void; hasSessions: boolean }) {
  // Kits are the Question sets page's (features/kits).
  const dialog = useImportDialog('bundle', onImported);
  const [csvError, setCsvError] = useState<string | null>(null);
  const exportCsv = async () => {
    setCsvError(null);
    try {
      const file = await unwrap(api.share.libraryCsv());
      downloadText(file.fileName, file.text, 'text/csv');
    } catch (error) {
      setCsvError(describeError(error, 'The list could not be exported.'));
    }
  };
  return (
    <div className="header-actions">
      <button type="button" className="btn" data-testid="import-open" onClick={dialog.open}>
        Import…
      </button>
      {hasSessions && (
        <button type="button" className="btn" data-testid="export-csv" title="A spreadsheet of every interview, for HR systems" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      )}
      {csvError && (
        <span className="field-error" role="alert">
          {csvError}
        </span>
      )}
      {dialog.shown && <ImportDialog key={dialog.given?.id ?? 'chosen'} given={dialog.given} onClose={dialog.close} />}
    </div>
  );
}

function ImportDialog({ onClose, given }: { onClose: (imported: boolean) => void; given: OpenRequest | null }) {
  const dialog = useModalDialog(true);
  const [phase, setPhase] = useState<Phase>(
    given?.error ? { kind: 'error', message: given.error } : given?.sourceId ? { kind: 'inspecting' } : { kind: 'choose' },
  );
  const [duplicates, setDuplicates] = useState<'skip' | 'replace'>('skip');
  const [operationId, setOperationId] = useState<string | null>(null);
  const progress = useShareProgress(operationId);
  const cancelUpload = useRef(false);

  const inspect = async (sourceId: string, fileName: string) => {
    setPhase({ kind: 'inspecting' });
    await review(sourceId, fileName);
  };
  const review = async (sourceId: string, fileName: string) => {
    try {
      const summary = await unwrap(api.share.inspect({ sourceId }));
      setPhase({ kind: 'review', sourceId, fileName, summary });
    } catch (error) {
      void api.share.discard({ sourceId });
      setPhase({ kind: 'error', message: describeError(error, 'The bundle could not be read.') });
    }
  };

  // A file the OS opened is inspected at once, as a picked one would be.
  useEffect(() => {
    if (given?.sourceId) void review(given.sourceId, given.fileName);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog: it is mounted afresh for every file
  }, []);

  const pick = async () => {
    try {
      const picked = await unwrap(api.share.pickBundle());
      if (picked) await inspect(picked.sourceId, picked.fileName);
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The bundle could not be opened.') });
    }
  };

  const upload = async (file: File) => {
    cancelUpload.current = false;
    let sourceId: string | null = null;
    try {
      sourceId = (await unwrap(api.share.uploadStart({ fileName: file.name, bytes: file.size }))).sourceId;
      for (let seq = 0, offset = 0; offset < file.size; seq++, offset += UPLOAD_CHUNK) {
        if (cancelUpload.current) {
          void api.share.discard({ sourceId });
          setPhase({ kind: 'choose' });
          return;
        }
        setPhase({ kind: 'uploading', done: offset, total: file.size });
        const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK).arrayBuffer());
        await unwrap(api.share.uploadChunk({ sourceId, seq, bytes }));
      }
      await inspect(sourceId, file.name);
    } catch (error) {
      if (sourceId) void api.share.discard({ sourceId });
      setPhase({ kind: 'error', message: describeError(error, 'The bundle could not be uploaded.') });
    }
  };

  const runImport = async (sourceId: string) => {
    const id = crypto.randomUUID();
    setOperationId(id);
    setPhase({ kind: 'importing', sourceId });
    try {
      const outcome = await unwrap(api.share.import({ sourceId, operationId: id, duplicates }));
      setPhase({ kind: 'done', outcome });
    } catch (error) {
      void api.share.discard({ sourceId });
      const cancelled = error instanceof ApiError && error.code === 'cancelled';
      setPhase(cancelled ? { kind: 'choose' } : { kind: 'error', message: describeError(error, 'The bundle could not be imported.') });
    } finally {
      setOperationId(null);
    }
  };

  const close = () => {
    if (operationId) void api.share.cancel({ operationId });
    cancelUpload.current = true;
    if (phase.kind === 'review') void api.share.discard({ sourceId: phase.sourceId });
    onClose(phase.kind === 'done' && phase.outcome.imported.length + phase.outcome.replaced.length > 0);
  };

  const existing = phase.kind === 'review' ? phase.summary.sessions.filter((s) => s.exists) : [];
  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="import-title" data-testid="import-dialog" onClose={close}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="import-title">Import interviews</h2>
        {(phase.kind === 'choose' || phase.kind === 'error') && (
          <div className="share-file">
            <p>Choose an .interview file exported from Interview Recorder on this or another computer.</p>
            <ChooseFile testId="import" accept=".interview" label="Bundle file" onPick={() => void pick()} onFile={(file) => void upload(file)} />
          </div>
        )}
        {phase.kind === 'error' && (
          <p className="field-error" role="alert" data-testid="import-error">
            {phase.message}
          </p>
        )}
        {phase.kind === 'uploading' && <ProgressBar value={percent({ doneBytes: phase.done, totalBytes: phase.total })} label={`Reading ${formatBytes(phase.total)}…`} />}
        {phase.kind === 'inspecting' && <ProgressBar value={100} label="Checking the bundle…" />}
        {phase.kind === 'review' && (
          <>
            <p>
              {phase.fileName} holds {phase.summary.sessions.length === 1 ? 'one interview' : `${phase.summary.sessions.length} interviews`}:
            </p>
            <ul className="share-sessions" data-testid="import-sessions">
              {phase.summary.sessions.map((s) => (
                <li key={s.id}>
                  <span>
                    <strong>{s.candidate}</strong> · {s.jobTitle || 'No role'} · {formatDate(s.createdAt)}
                  </span>
                  {s.exists && <span className="badge">Already here</span>}
                </li>
              ))}
            </ul>
            {existing.length > 0 && (
              <fieldset className="field">
                <legend>{existing.length === 1 ? 'This interview is already here.' : `${existing.length} of them are already here.`}</legend>
                <div className="choice-list choice-row">
                  <label className={`choice ${duplicates === 'skip' ? 'selected' : ''}`}>
                    <input type="radio" name="duplicates" data-testid="import-skip" checked={duplicates === 'skip'} onChange={() => setDuplicates('skip')} />
                    <span>
                      <strong>Skip</strong>
                      <span className="muted">Keep the copy here</span>
                    </span>
                  </label>
                  <label className={`choice ${duplicates === 'replace' ? 'selected' : ''}`}>
                    <input type="radio" name="duplicates" data-testid="import-replace" checked={duplicates === 'replace'} onChange={() => setDuplicates('replace')} />
                    <span>
                      <strong>Replace</strong>
                      <span className="muted">Use the bundle’s copy</span>
                    </span>
                  </label>
                </div>
              </fieldset>
            )}
          </>
        )}
        {phase.kind === 'importing' && <ProgressBar value={percent(progress)} label="Importing…" />}
        {phase.kind === 'done' && (
          <div className="notice share-result" role="status" data-testid="import-done">
            <span>
              {[
                phase.outcome.imported.length && `Imported ${phase.outcome.imported.length}`,
                phase.outcome.replaced.length && `replaced ${phase.outcome.replaced.length}`,
                phase.outcome.skipped.length && `skipped ${phase.outcome.skipped.length} already here`,
              ]
                .filter(Boolean)
                .join(', ')}
              .
            </span>
            {phase.outcome.imported.length + phase.outcome.replaced.length === 1 && (
              <a className="btn btn-primary" href={routes.session([...phase.outcome.imported, ...phase.outcome.replaced][0]!)}>
                Open
              </a>
            )}
          </div>
        )}
        <div className="dialog-actions">
          {phase.kind === 'review' && (
            <button type="button" className="btn btn-primary" data-testid="import-start" autoFocus onClick={() => void runImport(phase.sourceId)}>
              Import
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={close}>
            {phase.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
