// Interviewer voices. The system's speech synthesis is always there; OpenAI text-to-speech is
// optional (needs AI settings) and falls back to the system voice on any error.

export const VOICE_SOURCES = ['system', 'openai'] as const;
export type VoiceSource = (typeof VOICE_SOURCES)[number];

/** OpenAI's built-in text-to-speech voices that every TTS model offers. */
export const OPENAI_VOICES = ['alloy', 'ash', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer'] as const;
export type OpenAiVoice = (typeof OPENAI_VOICES)[number];

/** The model asked for speech; OpenAI's and most compatible servers' (Kokoro, openedai-speech) name. */
export const TTS_MODEL = 'tts-1';

/** A question is a sentence or two; the cache key is the whole text, so keep it bounded. */
export const MAX_TTS_CHARS = 1000;
