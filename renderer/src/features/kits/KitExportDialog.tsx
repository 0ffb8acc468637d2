import { useEffect, useState } from 'react';
import { MODE_LABELS, SESSION_MODES, type SessionMode } from '../../../../shared/domain/enums';
import type { KitExportOutcome } from '../../../../shared/domain/kits';
import type { Candidate, QuestionSet } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Spinner } from '../../ui/states';
import { useModalDialog } from '../../ui/useModalDialog';
import { useKitsStore } from './store';
import './kits.css';

// "Export as kit…": the set with its rules, plus the role, the instructions, the mode and
// optionally the candidate it is for, written as a .interviewkit file for the candidate.

type Phase = { kind: 'form' } | { kind: 'saving' } | { kind: 'done'; outcome: KitExportOutcome } | { kind: 'error'; message: string };

export function KitExportButton({ set }: { set: QuestionSet }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" data-testid="export-kit" onClick={() => setOpen(true)}>
        Export as kit…
      </button>
      {open && <KitExportDialog set={set} onClose={() => setOpen(false)} />}
    </>
  );
}

function KitExportDialog({ set, onClose }: { set: QuestionSet; onClose: () => void }) {
  const dialog = useModalDialog(true);
  const reload = useKitsStore((s) => s.load);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [name, setName] = useState(set.name);
  const [jobTitle, setJobTitle] = useState('');
  const [sender, setSender] = useState('');
  const [instructions, setInstructions] = useState(set.instructions);
  const [mode, setMode] = useState<SessionMode>('assessment');
  const [candidateId, setCandidateId] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    void unwrap(api.candidates.list())
      .then((list) => setCandidates(list.filter((c) => !c.isSelf)))
      .catch(() => setCandidates([]));
  }, []);

  const missing = !name.trim() ? 'Give the kit a name.' : !jobTitle.trim() ? 'Say which role the interview is for.' : null;
  const save = async () => {
    setTouched(true);
    if (missing) return;
    setPhase({ kind: 'saving' });
    try {
      const outcome = await unwrap(
        api.kits.export({ questionSetId: set.id, name, jobTitle, sender, instructions, mode, candidateId: candidateId || null }),
      );
      if (!outcome.saved) return setPhase({ kind: 'form' });
      setPhase({ kind: 'done', outcome });
      void reload();
    } catch (error) {
      setPhase({ kind: 'error', message: describeError(error, 'The kit could not be written.') });
    }
  };
  const editable = phase.kind === 'form' || phase.kind === 'error';
  const chosen = candidates?.find((c) => c.id === candidateId);

  return (
    <dialog ref={dialog} className="dialog share-dialog kit-dialog" aria-labelledby="kit-export-title" data-testid="kit-export-dialog" onClose={onClose}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), void save())}>
        <h2 id="kit-export-title">Export “{set.name}” as an interview kit</h2>
        <p className="muted">
          The candidate opens the kit in Interview Recorder and records the {set.questions.length} question{set.questions.length === 1 ? '' : 's'} under
          their think time, answer limits and retakes, then sends you the recording back.
        </p>
        {phase.kind === 'done' ? (
          <div className="notice kit-result" role="status" data-testid="kit-export-done">
            <span>
              Saved <strong>{phase.outcome.fileName}</strong>. Send it to {chosen ? chosen.name : 'the candidate'}; their interview comes back under this kit.
            </span>
            {phase.outcome.downloadUrl && (
              <a className="btn btn-primary" href={phase.outcome.downloadUrl} download={phase.outcome.fileName} data-testid="kit-download">
                Download
              </a>
            )}
          </div>
        ) : (
          <fieldset className="kit-fields" disabled={!editable}>
            <div className="grid-2">
              <div className="field">
                <label htmlFor="kit-name">Kit name</label>
                <input id="kit-name" data-testid="kit-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="kit-role">Role</label>
                <input
                  id="kit-role"
                  data-testid="kit-role"
                  value={jobTitle}
                  maxLength={200}
                  placeholder="e.g. Backend engineer"
                  autoFocus
                  aria-invalid={touched && !jobTitle.trim() ? true : undefined}
                  onChange={(e) => setJobTitle(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="kit-sender">
                  From <span className="optional">optional</span>
                </label>
                <input
                  id="kit-sender"
                  data-testid="kit-sender"
                  value={sender}
                  maxLength={200}
                  placeholder="Company or hiring manager"
                  onChange={(e) => setSender(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="kit-candidate">
                  For <span className="optional">optional</span>
                </label>
                <select id="kit-candidate" data-testid="kit-candidate" value={candidateId} onChange={(e) => setCandidateId(e.target.value)}>
                  <option value="">Anyone</option>
                  {(candidates ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.email ? ` (${c.email})` : ''}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <fieldset className="field">
              <legend>Mode</legend>
              <div className="segmented">
                {SESSION_MODES.map((m) => (
                  <label key={m} className={mode === m ? 'selected' : undefined}>
                    <input type="radio" name="kit-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                    {MODE_LABELS[m]}
                  </label>
                ))}
              </div>
              <p className="hint">
                {mode === 'assessment' ? 'The rules hold exactly: no extra retakes, answers end at their limit.' : 'The candidate may redo answers as often as they like.'}
              </p>
            </fieldset>
            <div className="field">
              <label htmlFor="kit-instructions">Instructions for the candidate</label>
              <textarea id="kit-instructions" data-testid="kit-instructions" rows={3} maxLength={4000} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
            </div>
          </fieldset>
        )}
        {touched && missing && editable && (
          <p className="field-error" role="alert">
            {missing}
          </p>
        )}
        {phase.kind === 'error' && (
          <p className="field-error" role="alert" data-testid="kit-export-error">
            {phase.message}
          </p>
        )}
        <div className="dialog-actions">
          {phase.kind !== 'done' && (
            <button type="submit" className="btn btn-primary" data-testid="kit-export-save" disabled={!editable}>
              {phase.kind === 'saving' && <Spinner size="sm" />}
              Export kit
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {phase.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
