import { useEffect, useRef, useState } from 'react';
import type { Candidate } from '../../../../shared/domain/types';
import { describeError } from '../../lib/errors';
import { useCandidatesStore, type CandidateForm } from './store';

const FIELDS: { key: keyof CandidateForm; label: string; type?: string; max: number }[] = [
  { key: 'name', label: 'Name', max: 200 },
  { key: 'email', label: 'Email', type: 'email', max: 320 },
  { key: 'phone', label: 'Phone', type: 'tel', max: 50 },
  { key: 'position', label: 'Position applied for', max: 200 },
];

/** Create (candidate null) or edit a candidate in a modal form. */
export function CandidateDialog({ candidate, onClose }: { candidate: Candidate | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const save = useCandidatesStore((s) => s.save);
  const [form, setForm] = useState<CandidateForm>({
    name: candidate?.name ?? '',
    email: candidate?.email ?? '',
    phone: candidate?.phone ?? '',
    position: candidate?.position ?? '',
    notes: candidate?.notes ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = async () => {
    if (!form.name.trim()) {
      setError('A candidate needs a name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await save(candidate?.id ?? null, form);
      onClose();
    } catch (e) {
      setError(describeError(e, 'Could not save the candidate.'));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="confirm-dialog candidate-dialog" aria-labelledby="candidate-dialog-title" onCancel={(e) => {
      e.preventDefault();
      if (!busy) onClose();
    }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="candidate-dialog-title">{candidate ? `Edit ${candidate.name}` : 'New candidate'}</h2>
        {FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`candidate-${f.key}`}>{f.label}</label>
            <input
              id={`candidate-${f.key}`}
              type={f.type ?? 'text'}
              maxLength={f.max}
              value={form[f.key]}
              autoFocus={f.key === 'name'}
              onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              data-testid={`candidate-${f.key}`}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor="candidate-notes">Notes</label>
          <textarea id="candidate-notes" rows={4} maxLength={10_000} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
        </div>
        {error && (
          <p className="confirm-error" role="alert">
            {error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="candidate-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
