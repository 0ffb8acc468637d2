import type { AvatarSettings } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { readingTimeMs, speak, type Speaking } from '../../lib/speech';
import { findLook } from './looks';

export interface VoiceCallbacks {
  /** A word (system voice) or a syllable onset (OpenAI audio): the mouth and brows pulse. */
  onBoundary?: () => void;
  /** How open the mouth is, 0–1, from the audio's level; null when no level is known. */
  onLevel?: (level: number | null) => void;
  /** The OpenAI voice failed and the system voice took over; the sentence says why. */
  onFallback?: (message: string) => void;
}

/** A level above this after a quieter frame counts as a new syllable. */
const ONSET = 0.45;

/** Audio that plays this long with not one non-zero sample is unreadable (cross-origin), not quiet. */
const SILENT_SOURCE_MS = 600;

/**
 * Speaks `text` as the avatar `lookId` with the session's settings: the OpenAI voice when
 * chosen (its audio's level drives the mouth), else, or on any failure, the system voice.
 */
export function speakAs(lookId: string, text: string, settings: AvatarSettings, callbacks: VoiceCallbacks = {}): Speaking {
  const look = findLook(lookId);
  const system = () =>
    speak(text, { ...settings, pitch: look.voice.pitch, voiceHints: look.voice.hints, onBoundary: callbacks.onBoundary });
  if (!settings.speech || settings.voiceSource !== 'openai') return system();

  let cancelled = false;
  let current: Speaking | null = null;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const fallBack = (message: string) => {
    if (cancelled) return;
    callbacks.onLevel?.(null);
    callbacks.onFallback?.(message);
    current = system();
    void current.done.then(finish);
  };
  void unwrap(api.tts.speak({ text, voice: settings.openaiVoice ?? look.voice.openai })).then(
    ({ url }) => {
      if (cancelled) return;
      current = playAudio(url, text, settings.rate, callbacks, fallBack);
      void current.done.then(finish);
    },
    (error: unknown) => fallBack(error instanceof Error ? error.message : 'The OpenAI voice is not available.'),
  );
  return {
    done,
    cancel: () => {
      cancelled = true;
      current?.cancel();
      callbacks.onLevel?.(null);
      finish();
    },
  };
}

/** Plays the audio at `url`; reports its level each frame; falls back when it cannot play. */
function playAudio(
  url: string,
  text: string,
  rate: number,
  callbacks: VoiceCallbacks,
  fallBack: (message: string) => void,
): Speaking {
  // No crossOrigin: in Electron the media:// URL is another origin without CORS headers, and a
  // CORS request would refuse to play it. Such audio plays but reads as silence to the analyser;
  // then the mouth falls back to its talking rhythm (see `heard` below).
  const audio = new Audio();
  audio.preload = 'auto';
  audio.playbackRate = rate;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let ended = false;
  let frame = 0;
  let context: AudioContext | null = null;
  // A stalled file must not hold the interview: three times the reading time at most.
  const timer = setTimeout(() => end(), readingTimeMs(text, rate) * 3 + 5000);

  function end(failure?: string) {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    audio.pause();
    audio.removeAttribute('src');
    void context?.close();
    callbacks.onLevel?.(null);
    if (failure) fallBack(failure);
    else finish();
  }

  audio.onended = () => end();
  audio.onerror = () => end('The OpenAI voice could not be played.');
  audio.src = url;
  try {
    context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaElementSource(audio).connect(analyser);
    analyser.connect(context.destination);
    const samples = new Float32Array(analyser.fftSize);
    let last = 0;
    let heard = false;
    let playingSince: number | null = null;
    audio.onplaying = () => {
      playingSince = performance.now();
    };
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      // Speech RMS sits around 0.05–0.2; map it to a mouth opening of 0–1.
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 6);
      heard ||= level > 0;
      if (!heard && playingSince !== null && performance.now() - playingSince > SILENT_SOURCE_MS) {
        // Playing, yet pure silence: a source the analyser may not read. Talk without levels.
        callbacks.onLevel?.(null);
        return;
      }
      if (level >= ONSET && last < ONSET) callbacks.onBoundary?.();
      last = level;
      callbacks.onLevel?.(heard ? level : 0);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
  } catch {
    // No Web Audio: the mouth moves on its own rhythm (onLevel stays null).
    context = null;
  }
  void context?.resume();
  audio.play().catch(() => end('The OpenAI voice could not be played.'));
  return { done, cancel: () => end() };
}

/** Makes the OpenAI voice's audio for these questions ahead of time; failures are left to speakAs. */
export async function prefetchVoice(lookId: string, texts: string[], settings: AvatarSettings): Promise<void> {
  if (!settings.speech || settings.voiceSource !== 'openai') return;
  const voice = settings.openaiVoice ?? findLook(lookId).voice.openai;
  for (const text of texts) {
    const result = await api.tts.speak({ text, voice }).catch(() => null);
    if (!result?.ok) return;
  }
}
