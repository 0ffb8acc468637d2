import { useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS, MODE_LABELS } from '../../../../shared/domain/enums';
import { KIT_EXTENSION, type KitPreview } from '../../../../shared/domain/kits';
import type { OpenRequest, QuestionSet } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Spinner } from '../../ui/states';
import { useModalDialog } from '../../ui/useModalDialog';
import { useImportDialog } from '../export/openRequests';
import { ChooseFile } from '../export/share';
import { useSetupStore } from '../setup/store';
import { useKitsStore } from './store';
import './kits.css';

// "Import kit…": a .interviewkit from a hiring manager, picked with the shell's dialog in
// Electron or uploaded in a browser (kits are small: one call), or double-clicked in the OS.
// Main checks it and shows what it asks; importing makes its read-only question set.


type Phase =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'review'; sourceId: string; preview: KitPreview }
  | { kind: 'importing' }
  | { kind: 'done'; set: QuestionSet; created: boolean }
  | { kind: 'error'; message: string };

/** The Question sets page's "Import kit…" button; also opens on a kit the OS opened. */
export function KitImportButton({ onImported }: { onImported: () => void }) {
  const dialog = useImportDialog('kit', onImported);
  return (
    <>
      <button type="button" className="btn" data-testid="import-kit" onClick={dialog.open}>
        Import kit…
      </button>
      {dialog.shown && <KitImportDialog key={dialog.given?.id ?? 'chosen'} given={dialog.given} onClose={dialog.close} />}
    </>
  );
}

function KitImportDialog({ given, onClose }: { given: OpenRequest | null; onClose: (imported: boolean) => void }) {
  const dialog = useModalDialog(true);
  const reloadKits = useKitsStore((s) => s.load);
  const [phase, setPhase] = useState<Phase>(given?.error ? { kind: 'error', message: given.error } : given?.sourceId ? { kind: 'reading' } : { kind: 'choose' });

  // Callers show "reading" first (a given file starts there).
  const review = async (sourceId: string) => {
    try {
      const preview = await unwrap(api.kits.inspect({ sourceId }));
      setPhase({ kind: 'review', sourceId, preview });
    } catch (error) {
      void api.kits.discard({ sourceId });
      setPhase({ kind: 'error', message: describeError(error, 'The kit could not be read.') });
    }
  };
  useEffect(() => {
    // Started after the effect: the dialog's first state already says "Checking the kit…".
    if (given?.sourceId) void Promise.resolve(given.sourceId).then(review);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog: it is mounted afresh for every file
  }, []);

  const pick = async () => {
    try {
      const picked = await unwrap(api.kits.pick());
      if (!picked) return;
      setPhase({ kind: 'reading' });
      await review(picked.sourceId);
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The kit could not be opened.') });
    }
  };
  const upload = async (file: File) => {
    setPhase({ kind: 'reading' });
    try {
      const { sourceId } = await unwrap(api.kits.upload({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
      await review(sourceId);
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The kit could not be read.') });
    }
  };
  const runImport = async (sourceId: string) => {
    setPhase({ kind: 'importing' });
    try {
      const { questionSet, created } = await unwrap(api.kits.import({ sourceId }));
      setPhase({ kind: 'done', set: questionSet, created });
      void reloadKits();
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The kit could not be imported.') });
    }
  };
  const close = () => {
    if (phase.kind === 'review') void api.kits.discard({ sourceId: phase.sourceId });
    onClose(phase.kind === 'done');
  };
  const start = (set: QuestionSet) => {
    useSetupStore.getState().update({ questionSetId: set.id, questionSetChosen: true });
    onClose(true);
    navigate(routes.setup());
  };

  return (
    <dialog ref={dialog} className="dialog share-dialog kit-dialog" aria-labelledby="kit-import-title" data-testid="kit-import-dialog" onClose={close}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="kit-import-title">Import an interview kit</h2>
        {(phase.kind === 'choose' || phase.kind === 'error') && (
          <div className="share-file">
            <p>Choose the {KIT_EXTENSION} file a hiring manager sent you. Its questions and rules become a question set you can start from.</p>
            <ChooseFile testId="kit" accept={KIT_EXTENSION} label="Kit file" onPick={() => void pick()} onFile={(file) => void upload(file)} />
          </div>
        )}
        {phase.kind === 'error' && (
          <p className="field-error" role="alert" data-testid="kit-import-error">
            {phase.message}
          </p>
        )}
        {(phase.kind === 'reading' || phase.kind === 'importing') && (
          <p className="muted">
            <Spinner size="sm" /> {phase.kind === 'reading' ? 'Checking the kit…' : 'Importing…'}
          </p>
        )}
        {phase.kind === 'review' && <KitFacts preview={phase.preview} />}
        {phase.kind === 'done' && (
          <div className="notice kit-result" role="status" data-testid="kit-import-done">
            <span>
              {phase.created ? 'Imported' : 'Already imported:'} <strong>{phase.set.name}</strong>. It is listed with your question sets and cannot be changed.
            </span>
          </div>
        )}
        <div className="dialog-actions">
          {phase.kind === 'review' && (
            <button type="button" className="btn btn-primary" data-testid="kit-import-start" autoFocus onClick={() => void runImport(phase.sourceId)}>
              {phase.preview.alreadyImported ? 'Open it' : 'Import kit'}
            </button>
          )}
          {phase.kind === 'done' && (
            <button type="button" className="btn btn-primary" data-testid="kit-start-interview" autoFocus onClick={() => start(phase.set)}>
              Set up the interview
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

function KitFacts({ preview }: { preview: KitPreview }) {
  return (
    <div className="kit-facts" data-testid="kit-preview">
      <p className="kit-from">
        Interview from <strong>{preview.sender || 'a hiring manager'}</strong>
      </p>
      <dl>
        <dt>Kit</dt>
        <dd>{preview.name}</dd>
        <dt>Role</dt>
        <dd>{preview.jobTitle}</dd>
        <dt>Interview</dt>
        <dd>
          {INTERVIEW_TYPE_LABELS[preview.interviewType]} · {MODE_LABELS[preview.mode]} · {preview.questionCount} question{preview.questionCount === 1 ? '' : 's'}
        </dd>
        {preview.candidate && (
          <>
            <dt>For</dt>
            <dd>
              {preview.candidate.name}
              {preview.candidate.email ? ` (${preview.candidate.email})` : ''}
            </dd>
          </>
        )}
      </dl>
      {preview.instructions && <p className="kit-instructions">{preview.instructions}</p>}
      {preview.alreadyImported && <p className="hint">This kit is already here; importing it again opens the same set.</p>}
    </div>
  );
}
