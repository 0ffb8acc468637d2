import { useEffect, useRef, useState } from 'react';
import { OPENAI_VOICES, type OpenAiVoice, type VoiceSource } from '../../../../shared/domain/voices';
import { speechAvailable, useVoices, type Speaking } from '../../lib/speech';
import { Avatar } from '../avatar/Avatar';
import { AVATAR_LOOKS, findLook } from '../avatar/looks';
import { speakAs } from '../avatar/voice';
import { useSetupStore } from './store';

export function AvatarSection() {
  const avatar = useSetupStore((s) => s.form.avatar);
  const settings = useSetupStore((s) => s.form.avatarSettings);
  const update = useSetupStore((s) => s.update);
  const voices = useVoices();
  const sample = useRef<Speaking | null>(null);
  const [testing, setTesting] = useState(false);
  const [level, setLevel] = useState<number | null>(null);
  const [pulse, setPulse] = useState(0);
  const [fallback, setFallback] = useState<string | null>(null);
  useEffect(() => () => sample.current?.cancel(), []);

  const set = (patch: Partial<typeof settings>) => update({ avatarSettings: { ...settings, ...patch } });
  const tryVoice = () => {
    sample.current?.cancel();
    setFallback(null);
    setTesting(true);
    const speaking = speakAs(avatar, 'Hello, thanks for joining. Shall we begin?', { ...settings, speech: true }, {
      onLevel: setLevel,
      onBoundary: () => setPulse((n) => n + 1),
      onFallback: () => setFallback('The OpenAI voice is not available (check AI in Settings); the system voice spoke instead.'),
    });
    sample.current = speaking;
    void speaking.done.then(() => {
      if (sample.current === speaking) setTesting(false);
    });
  };
  const openai = settings.voiceSource === 'openai';

  return (
    <section className="card" aria-labelledby="avatar-heading">
      <h2 id="avatar-heading">Interviewer</h2>
      <div className="avatar-choices" role="radiogroup" aria-label="Interviewer avatar">
        {AVATAR_LOOKS.map((look) => (
          <button
            key={look.id}
            type="button"
            role="radio"
            aria-checked={avatar === look.id}
            data-testid={`avatar-${look.id}`}
            className={`avatar-choice ${avatar === look.id ? 'selected' : ''}`}
            onClick={() => update({ avatar: look.id })}
          >
            <Avatar
              look={look.id}
              speaking={testing && avatar === look.id}
              level={level}
              pulse={avatar === look.id ? pulse : 0}
            />
            <span>{look.name}</span>
          </button>
        ))}
      </div>
      <fieldset className="field">
        <legend>Voice source</legend>
        <div className="segmented" data-testid="voice-source">
          {(['system', 'openai'] as const satisfies readonly VoiceSource[]).map((source) => (
            <label key={source} className={settings.voiceSource === source ? 'selected' : undefined}>
              <input
                type="radio"
                name="voice-source"
                value={source}
                checked={settings.voiceSource === source}
                disabled={!settings.speech}
                onChange={() => set({ voiceSource: source })}
              />
              {source === 'system' ? 'System voice' : 'OpenAI voice'}
            </label>
          ))}
        </div>
        {openai && (
          <p className="hint">Needs AI in Settings. Each question is spoken once and kept, so later sessions speak offline.</p>
        )}
      </fieldset>
      <div className="grid-2">
        {openai ? (
          <div className="field">
            <label htmlFor="openai-voice">Voice</label>
            <select
              id="openai-voice"
              data-testid="openai-voice"
              value={settings.openaiVoice ?? ''}
              disabled={!settings.speech}
              onChange={(e) => set({ openaiVoice: (e.target.value || null) as OpenAiVoice | null })}
            >
              <option value="">{findLook(avatar).name}’s voice ({findLook(avatar).voice.openai})</option>
              {OPENAI_VOICES.map((voice) => (
                <option key={voice} value={voice}>
                  {voice}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="voice">Voice</label>
            <select
              id="voice"
              value={settings.voiceName ?? ''}
              disabled={!settings.speech}
              onChange={(e) => set({ voiceName: e.target.value || null })}
            >
              <option value="">{findLook(avatar).name}’s voice (system)</option>
              {voices.map((voice) => (
                <option key={voice.voiceURI} value={voice.name}>
                  {voice.name} ({voice.lang})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="rate">Speaking rate: {settings.rate.toFixed(1)}×</label>
          <input
            id="rate"
            type="range"
            min={0.5}
            max={2}
            step={0.1}
            value={settings.rate}
            onChange={(e) => set({ rate: Number(e.target.value) })}
          />
        </div>
      </div>
      <div className="row wrap">
        <label className="toggle">
          <input type="checkbox" checked={settings.speech} onChange={(e) => set({ speech: e.target.checked })} />
          Speak questions aloud
        </label>
        <label className="toggle">
          <input type="checkbox" checked={settings.captions} onChange={(e) => set({ captions: e.target.checked })} />
          Show captions
        </label>
        {(speechAvailable || openai) && settings.speech && (
          <button type="button" className="btn btn-small btn-ghost" onClick={tryVoice} data-testid="test-voice">
            Test voice
          </button>
        )}
      </div>
      {fallback && <p className="hint">{fallback}</p>}
    </section>
  );
}
