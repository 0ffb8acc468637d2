import { useEffect, useState } from 'react';

export const speechAvailable = typeof window !== 'undefined' && 'speechSynthesis' in window;

/** Voices load asynchronously and may never arrive (headless browsers, some Linux systems). */
export function useVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() =>
    speechAvailable ? speechSynthesis.getVoices() : [],
  );
  useEffect(() => {
    if (!speechAvailable) return;
    const update = () => setVoices(speechSynthesis.getVoices());
    update();
    speechSynthesis.addEventListener('voiceschanged', update);
    return () => speechSynthesis.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}

/** How long reading `text` aloud takes, for silent mode and for speech engines that stay mute. */
export function readingTimeMs(text: string, rate: number): number {
  return Math.max(1500, (text.length * 60) / rate);
}

export interface SpeakOptions {
  speech: boolean;
  voiceName: string | null;
  rate: number;
  /** 1 is the voice's own; the avatars differ by it when they share the system's one voice. */
  pitch?: number;
  /** Without a chosen voice: the first whose name contains one of these (case-insensitive). */
  voiceHints?: readonly string[];
  onBoundary?: () => void;
}

/** The chosen voice, else the first matching a hint, else none (the engine's default). */
function pickVoice(voices: SpeechSynthesisVoice[], name: string | null, hints: readonly string[] = []) {
  const chosen = voices.find((v) => v.name === name);
  if (chosen) return chosen;
  for (const hint of hints) {
    const found = voices.find((v) => v.lang.startsWith('en') && v.name.toLowerCase().includes(hint.toLowerCase()));
    if (found) return found;
  }
  return undefined;
}

export interface Speaking {
  /** Resolves when speaking ends, is cancelled, or its time runs out; never rejects. */
  done: Promise<void>;
  cancel: () => void;
}

/**
 * Speaks `text`, or waits as long as reading it takes. Speech engines may have no voices and may
 * never fire 'start' or 'end', so a timer always bounds the wait: if speech has not started by
 * the reading time it is given up on; if it has, it gets twice as long again to finish.
 */
export function speak(text: string, options: SpeakOptions): Speaking {
  const estimate = readingTimeMs(text, options.rate);
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let ended = false;
  let utterance: SpeechSynthesisUtterance | null = null;

  const end = () => {
    ended = true;
    clearTimeout(timer);
    if (utterance) {
      utterance.onstart = utterance.onend = utterance.onerror = utterance.onboundary = null;
    }
    finish();
  };

  if (options.speech && speechAvailable) {
    try {
      utterance = new SpeechSynthesisUtterance(text);
      utterance.rate = options.rate;
      utterance.pitch = options.pitch ?? 1;
      const voice = pickVoice(speechSynthesis.getVoices(), options.voiceName, options.voiceHints);
      if (voice) utterance.voice = voice;
      utterance.onstart = () => {
        started = true;
      };
      // Engines without voices report 'error' (or even 'end') at once without ever starting;
      // then the reading-time timer paces the question as if it had been spoken.
      utterance.onend = utterance.onerror = () => {
        if (started) end();
      };
      utterance.onboundary = () => options.onBoundary?.();
      speechSynthesis.cancel();
      speechSynthesis.speak(utterance);
    } catch (error) {
      console.error('speechSynthesis failed; continuing silently', error);
      utterance = null;
    }
  }

  // Only while still speaking: once ended, cancel() would silence whatever is spoken next.
  const giveUp = () => {
    if (ended) return;
    if (utterance && speechAvailable) speechSynthesis.cancel();
    end();
  };
  timer = setTimeout(() => {
    if (started) timer = setTimeout(giveUp, estimate * 2);
    else giveUp();
  }, estimate);

  return { done, cancel: giveUp };
}
