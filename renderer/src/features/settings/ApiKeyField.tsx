import { LINKS } from '../../../../shared/domain/links';
import { Notice, Spinner } from '../../ui/states';
import { useSettingsStore } from './store';

/** The AI key: write-only. A stored key is only ever reported as stored. */
export function ApiKeyField() {
  const view = useSettingsStore((s) => s.view);
  const apiKey = useSettingsStore((s) => s.apiKey);
  const replacing = useSettingsStore((s) => s.replacingKey);
  const allowWeak = useSettingsStore((s) => s.allowWeakStorage);
  const keyBusy = useSettingsStore((s) => s.keyBusy);
  const keyError = useSettingsStore((s) => s.keyError);
  const setApiKey = useSettingsStore((s) => s.setApiKey);
  const setReplacing = useSettingsStore((s) => s.setReplacingKey);
  const setAllowWeak = useSettingsStore((s) => s.setAllowWeakStorage);
  const removeKey = useSettingsStore((s) => s.removeKey);
  if (!view) return null;

  const showInput = !view.hasApiKey || replacing;
  return (
    <div className="field">
      <label htmlFor="api-key">
        API key <span className="optional">not needed for most local servers</span>
      </label>
      {showInput ? (
        <div className="row">
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            data-testid="settings-api-key"
            value={apiKey}
            maxLength={500}
            placeholder={replacing ? 'Paste the new key' : 'Paste your key, e.g. sk-…'}
            aria-invalid={keyError ? true : undefined}
            aria-describedby="api-key-hint"
            onChange={(e) => setApiKey(e.target.value)}
          />
          {replacing && (
            <button type="button" className="btn btn-ghost" onClick={() => setReplacing(false)}>
              Keep the stored key
            </button>
          )}
        </div>
      ) : (
        <div className="key-stored" data-testid="settings-key-stored">
          <span className="key-stored-text">✓ A key is stored</span>
          <span className="grow" />
          <button type="button" className="btn btn-small" data-testid="settings-key-replace" disabled={keyBusy} onClick={() => setReplacing(true)}>
            Replace
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-outline"
            data-testid="settings-key-remove"
            disabled={keyBusy}
            onClick={() => void removeKey()}
          >
            {keyBusy && <Spinner size="sm" />}
            Remove
          </button>
        </div>
      )}
      <p id="api-key-hint" className="hint">
        {view.keyStorage === 'os_keyring' && 'Kept in the system keyring, never in the database; it is not shown again once saved.'}
        {view.keyStorage === 'memory' && 'Kept only until the app quits (browser mode); it is never written to disk.'}
        {view.keyStorage === 'basic_text' &&
          'Only obfuscated on disk, not encrypted: this system has no keyring. It is not shown again once saved.'}{' '}
        <a href={LINKS.openAiKeys} target="_blank" rel="noreferrer" data-testid="settings-key-link">
          Get an OpenAI key
        </a>
      </p>
      {view.keyStorage === 'basic_text' && showInput && (
        <Notice tone="warning">
          <p>
            <strong>This system has no keyring.</strong> The key can only be obfuscated on disk, not encrypted: anyone who can read
            your files could recover it. Use a key with a spending limit, or install a keyring (e.g. GNOME Keyring or KWallet) and
            restart the app.
          </p>
          <label className="toggle weak-ok">
            <input
              type="checkbox"
              data-testid="settings-weak-ok"
              checked={allowWeak}
              onChange={(e) => setAllowWeak(e.target.checked)}
            />
            Store it anyway
          </label>
        </Notice>
      )}
      {keyError && (
        <p className="field-error" role="alert" data-testid="settings-key-error">
          {keyError}
        </p>
      )}
    </div>
  );
}
