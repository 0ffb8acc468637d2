import type { Consent } from './types';

// The consent screen's wording, in one place: the screen shows it, the session page repeats
// what was agreed, and an export can include the same sentences. Changing what it says means a
// new CONSENT_TEXT_VERSION, so every stored consent names the words the candidate saw.

export const CONSENT_TEXT_VERSION = 'consent-2026-12-01';

/** What main tells the consent screen before the first recording of a candidate. */
export interface ConsentTerms {
  textVersion: string;
  dataDir: string;
  /** The endpoint AI processing would use; null when AI is off in Settings. */
  aiEndpoint: string | null;
  retentionDays: number | null;
  /** An earlier consent of this candidate on the current text, if any. */
  onFile: Pick<Consent, 'aiEndpoint' | 'givenAt'> & { sessionId: string } | null;
}

/** What the candidate is asked to agree to (or agreed to), with AI as chosen for this session. */
export interface ConsentWording {
  recorded: string;
  stored: string;
  ai: string;
  retention: string;
}

export function retentionSentence(days: number | null): string {
  if (days === null) return 'The recording is kept until you delete it.';
  return `The recording is deleted automatically ${days === 1 ? 'one day' : `${days} days`} after the interview.`;
}

export function consentWording(terms: { dataDir: string; aiEndpoint: string | null; retentionDays: number | null }): ConsentWording {
  return {
    recorded: 'Your camera video, your microphone audio and when each question was asked and answered.',
    stored: `On this computer only, in ${terms.dataDir}.`,
    ai:
      terms.aiEndpoint === null
        ? 'AI is off: nothing of this interview is sent to an AI service.'
        : `AI is used: the audio and its transcript are sent to the AI service at ${terms.aiEndpoint} for a transcript and scores.`,
    retention: retentionSentence(terms.retentionDays),
  };
}

/**
 * Whether an earlier consent covers a new session of the same candidate: the same text, and
 * either this session keeps AI off or the candidate already agreed to the same endpoint.
 */
export function consentCovers(onFile: ConsentTerms['onFile'], aiEndpoint: string | null): boolean {
  if (!onFile) return false;
  return aiEndpoint === null || onFile.aiEndpoint === aiEndpoint;
}
