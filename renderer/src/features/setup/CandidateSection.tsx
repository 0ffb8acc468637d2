import { useEffect, useState } from 'react';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { ErrorState, Spinner } from '../../ui/states';
import { SELF_CANDIDATE, useSetupStore } from './store';

function NewCandidateForm({ onDone }: { onDone: () => void }) {
  const addCandidate = useSetupStore((s) => s.addCandidate);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A nested <form> is invalid HTML, so this is a group submitted by its button or Enter.
  const submit = async () => {
    if (!name.trim()) {
      setError('Enter the candidate’s name.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const candidate = await unwrap(api.candidates.create({ name: name.trim(), email: email.trim() || null }));
      addCandidate(candidate);
      onDone();
    } catch (err) {
      setError(describeError(err, 'Could not add the candidate.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div
      className="subform"
      role="group"
      aria-label="New candidate"
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
        e.preventDefault();
        void submit();
      }}
    >
      <div className="grid-2">
        <div className="field">
          <label htmlFor="candidate-name">Name</label>
          <input
            id="candidate-name"
            data-testid="candidate-name"
            value={name}
            maxLength={200}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="candidate-email">
            Email <span className="optional">optional</span>
          </label>
          <input
            id="candidate-email"
            type="email"
            value={email}
            maxLength={320}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
      </div>
      {error && <p className="field-error">{error}</p>}
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="candidate-save"
          disabled={saving}
          onClick={() => void submit()}
        >
          {saving ? <Spinner size="sm" /> : null} Add candidate
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function CandidateSection({ candidateError }: { candidateError: string | null }) {
  const candidates = useSetupStore((s) => s.candidates);
  const candidateId = useSetupStore((s) => s.form.candidateId);
  const update = useSetupStore((s) => s.update);
  const load = useSetupStore((s) => s.loadCandidates);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const items = candidates.status === 'ready' ? candidates.items : [];
  const self = items.find((c) => c.isSelf);
  const others = items.filter((c) => !c.isSelf);

  return (
    <section className="card" aria-labelledby="candidate-heading">
      <h2 id="candidate-heading">Candidate</h2>
      {candidates.status === 'loading' && (
        <p className="muted">
          <Spinner size="sm" /> Loading candidates…
        </p>
      )}
      {candidates.status === 'error' && <ErrorState message={candidates.message} onRetry={() => void load()} />}
      {candidates.status === 'ready' && (
        <>
          <div className="field">
            <label htmlFor="candidate-select">Who is interviewed?</label>
            <div className="row">
              <select
                id="candidate-select"
                data-testid="candidate-select"
                className="grow"
                value={candidateId}
                aria-invalid={candidateError ? true : undefined}
                onChange={(e) => update({ candidateId: e.target.value })}
              >
                <option value="">Choose a candidate…</option>
                <option value={self?.id ?? SELF_CANDIDATE}>Me (practice)</option>
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.email ? `${c.name} — ${c.email}` : c.name}
                  </option>
                ))}
              </select>
              {!adding && (
                <button type="button" className="btn" data-testid="candidate-new" onClick={() => setAdding(true)}>
                  New candidate
                </button>
              )}
            </div>
            {candidateError && <p className="field-error">{candidateError}</p>}
            {others.length === 0 && !adding && (
              <p className="hint">No candidates yet. Practise as yourself, or add a candidate.</p>
            )}
          </div>
          {adding && <NewCandidateForm onDone={() => setAdding(false)} />}
        </>
      )}
    </section>
  );
}
