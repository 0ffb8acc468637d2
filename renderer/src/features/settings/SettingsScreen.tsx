import { useEffect, useState } from 'react';
import type { KeepMedia } from '../../../../shared/domain/types';
import { ErrorState, LoadingState, Notice, Spinner } from '../../ui/states';
import { ApiKeyField } from './ApiKeyField';
import './retention.css';
import { isDirty, useSettingsStore, type SettingsField } from './store';

const KEEP_MEDIA: { value: KeepMedia; label: string; explanation: string }[] = [
  {
    value: 'both',
    label: 'Both',
    explanation: 'Keep the original recording and the MP4. Uses about twice the space.',
  },
  {
    value: 'mp4',
    label: 'MP4 only',
    explanation: 'Replace the recording with an MP4, which plays everywhere, once it is made. Saves space.',
  },
  {
    value: 'original',
    label: 'Original only',
    explanation: 'Keep the recording as it was captured (WebM); no MP4 is made.',
  },
];

function TextField({
  field,
  label,
  hint,
  placeholder,
  testId,
}: {
  field: SettingsField;
  label: string;
  hint?: string;
  placeholder?: string;
  testId: string;
}) {
  const value = useSettingsStore((s) => s.form[field]);
  const error = useSettingsStore((s) => s.errors[field]);
  const update = useSettingsStore((s) => s.update);
  const id = `settings-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        value={value}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        maxLength={field === 'baseUrl' ? 500 : 100}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
        onChange={(e) => update({ [field]: e.target.value })}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function AiSection() {
  const enabled = useSettingsStore((s) => s.form.enabled);
  const update = useSettingsStore((s) => s.update);
  const test = useSettingsStore((s) => s.test);
  const saving = useSettingsStore((s) => s.saving);
  const testConnection = useSettingsStore((s) => s.testConnection);
  const dirty = useSettingsStore(isDirty);

  return (
    <section className="card" aria-labelledby="ai-heading">
      <h2 id="ai-heading">AI analysis</h2>
      <label className="toggle">
        <input
          type="checkbox"
          data-testid="ai-enabled"
          checked={enabled}
          onChange={(e) => update({ enabled: e.target.checked })}
        />
        Transcribe and score interviews with AI
      </label>
      <p className="hint">
        When on, each interview’s audio is sent to the server below for a transcript, and the transcript for scores. When off,
        nothing leaves this computer; recordings are still processed locally (poster frame, delivery metrics, MP4).
      </p>
      <div className={`stack ${enabled ? '' : 'fields-off'}`}>
        <TextField
          field="baseUrl"
          label="Endpoint"
          testId="settings-base-url"
          placeholder="https://api.openai.com/v1"
          hint="Any OpenAI-compatible server, e.g. https://api.openai.com/v1 or a local server like http://127.0.0.1:8080/v1"
        />
        <div className="grid-2">
          <TextField
            field="transcriptionModel"
            label="Transcription model"
            testId="settings-transcription-model"
            placeholder="whisper-1"
            hint="Turns speech into text with word timings."
          />
          <TextField
            field="scoringModel"
            label="Scoring model"
            testId="settings-scoring-model"
            placeholder="gpt-4o-mini"
            hint="A chat model that writes the scores and feedback."
          />
        </div>
        <ApiKeyField />
        <div className="row wrap">
          <button
            type="button"
            className="btn"
            data-testid="settings-test"
            disabled={!enabled || test.status === 'testing' || saving}
            onClick={() => void testConnection()}
          >
            {test.status === 'testing' && <Spinner size="sm" />}
            {dirty ? 'Save and test connection' : 'Test connection'}
          </button>
          {test.status === 'testing' && <span className="muted">Contacting the server…</span>}
          {test.status === 'done' && (
            <p className={`test-result ${test.ok ? 'ok' : 'failed'}`} role="status" data-testid="settings-test-result" data-ok={test.ok}>
              {test.ok ? '✓ ' : '✕ '}
              {test.message}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function StorageSection() {
  const keepMedia = useSettingsStore((s) => s.form.keepMedia);
  const update = useSettingsStore((s) => s.update);
  return (
    <section className="card" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Recordings</h2>
      <fieldset className="field">
        <legend>Keep after processing</legend>
        <div className="choice-list">
          {KEEP_MEDIA.map((choice) => (
            <label key={choice.value} className={`choice ${keepMedia === choice.value ? 'selected' : ''}`}>
              <input
                type="radio"
                name="keep-media"
                value={choice.value}
                data-testid={`keep-media-${choice.value}`}
                checked={keepMedia === choice.value}
                onChange={() => update({ keepMedia: choice.value })}
              />
              <span>
                <strong>{choice.label}</strong>
                <span className="muted">{choice.explanation}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="hint">Applies to interviews processed from now on.</p>
      </fieldset>
      <RetentionField />
    </section>
  );
}

/** Days are whole numbers from 1 to 10 years; anything else keeps the last valid value. */
const DEFAULT_RETENTION_DAYS = 90;

function RetentionField() {
  const days = useSettingsStore((s) => s.form.retentionDays);
  const update = useSettingsStore((s) => s.update);
  const [text, setText] = useState(String(days ?? DEFAULT_RETENTION_DAYS));
  return (
    <div className="field">
      <label className="toggle">
        <input
          type="checkbox"
          checked={days !== null}
          data-testid="retention-enabled"
          onChange={(e) => update({ retentionDays: e.target.checked ? Number(text) || DEFAULT_RETENTION_DAYS : null })}
        />
        Delete interviews automatically
      </label>
      {days !== null && (
        <label className="retention-days">
          older than
          <input
            type="number"
            min={1}
            max={3650}
            step={1}
            value={text}
            data-testid="retention-days"
            onChange={(e) => {
              setText(e.target.value);
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 3650) update({ retentionDays: n });
            }}
          />
          days
        </label>
      )}
      <p className="hint">
        {days === null
          ? 'Off: interviews are kept until you delete them.'
          : `Checked when the app starts and once a day. Interviews older than ${days} day${days === 1 ? '' : 's'} are deleted with their recordings; one being recorded or exported is kept until it is done.`}
      </p>
    </div>
  );
}

export function SettingsScreen() {
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.loadError);
  const load = useSettingsStore((s) => s.load);
  const save = useSettingsStore((s) => s.save);
  const saving = useSettingsStore((s) => s.saving);
  const saved = useSettingsStore((s) => s.saved);
  const saveError = useSettingsStore((s) => s.saveError);
  const hasErrors = useSettingsStore((s) => Object.keys(s.errors).length > 0);
  const dirty = useSettingsStore(isDirty);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page settings">
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">How interviews are analysed and what is kept on this computer.</p>
        </div>
      </div>
      {status === 'loading' && <LoadingState label="Loading the settings…" />}
      {status === 'error' && <ErrorState message={loadError ?? 'Could not read the settings.'} onRetry={() => void load()} />}
      {status === 'ready' && (
        // Not a <form>: Enter in a field should not save half-typed values.
        <>
          <AiSection />
          <StorageSection />
          {saveError && <Notice tone="error">{saveError}</Notice>}
          <div className="settings-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="settings-save"
              disabled={saving}
              onClick={() => void save()}
            >
              {saving && <Spinner size="sm" />}
              Save
            </button>
            {hasErrors && <span className="field-error">Fix the fields marked above.</span>}
            {!hasErrors && saved && !dirty && (
              <span className="test-result ok" role="status" data-testid="settings-saved">
                ✓ Saved
              </span>
            )}
            {!hasErrors && dirty && !saving && <span className="muted">Unsaved changes</span>}
          </div>
        </>
      )}
    </div>
  );
}
