import { useEffect, useRef } from 'react';
import { speak, speechAvailable, useVoices, type Speaking } from '../../lib/speech';
import { Avatar } from '../avatar/Avatar';
import { AVATAR_LOOKS } from '../avatar/looks';
import { useSetupStore } from './store';

export function AvatarSection() {
  const avatar = useSetupStore((s) => s.form.avatar);
  const settings = useSetupStore((s) => s.form.avatarSettings);
  const update = useSetupStore((s) => s.update);
  const voices = useVoices();
  const sample = useRef<Speaking | null>(null);
  useEffect(() => () => sample.current?.cancel(), []);

  const set = (patch: Partial<typeof settings>) => update({ avatarSettings: { ...settings, ...patch } });
  const tryVoice = () => {
    sample.current?.cancel();
    sample.current = speak('Hello, thanks for joining. Shall we begin?', { ...settings, speech: true });
  };

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
            <Avatar look={look.id} speaking={false} />
            <span>{look.name}</span>
          </button>
        ))}
      </div>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="voice">Voice</label>
          <select
            id="voice"
            value={settings.voiceName ?? ''}
            disabled={!settings.speech}
            onChange={(e) => set({ voiceName: e.target.value || null })}
          >
            <option value="">System default</option>
            {voices.map((voice) => (
              <option key={voice.voiceURI} value={voice.name}>
                {voice.name} ({voice.lang})
              </option>
            ))}
          </select>
        </div>
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
        {speechAvailable && settings.speech && (
          <button type="button" className="btn btn-small btn-ghost" onClick={tryVoice}>
            Test voice
          </button>
        )}
      </div>
    </section>
  );
}
