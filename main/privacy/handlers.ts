import { CONSENT_TEXT_VERSION, consentCovers, type ConsentTerms } from '../../shared/domain/consent';
import type { Candidate, Consent, MediaAccess, Session } from '../../shared/domain/types';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { Handlers } from '../ipc/handlers';
import type { Logger } from '../log';
import type { ConsentsRepository } from '../repositories/consents';
import type { CandidatesRepository } from '../repositories/candidates';
import type { SettingsService } from '../settings/SettingsService';

// Consent before recording and the OS's camera/microphone access: the calls, and what
// sessions:create records with a new session.

/** Where the OS decides camera/microphone access (the Electron shell on macOS); others grant. */
export type AskMediaAccess = () => Promise<MediaAccess>;

export const MEDIA_GRANTED: MediaAccess = { camera: 'granted', microphone: 'granted', settingsHint: null };

export interface PrivacyDeps {
  dataDir: string;
  settings: SettingsService;
  consents: ConsentsRepository;
  candidates: CandidatesRepository;
  askMediaAccess: AskMediaAccess;
  now: () => number;
  log: Logger;
}

export function createPrivacy(deps: PrivacyDeps) {
  /** The endpoint AI would use for a session with AI on, or null when Settings turn AI off. */
  const aiEndpoint = (): string | null => {
    const { ai } = deps.settings.get();
    return ai.enabled ? ai.baseUrl : null;
  };

  const terms = async (candidateId: string): Promise<ConsentTerms> => {
    await deps.candidates.get(candidateId);
    return {
      textVersion: CONSENT_TEXT_VERSION,
      dataDir: deps.dataDir,
      aiEndpoint: aiEndpoint(),
      retentionDays: deps.settings.get().retentionDays,
      onFile: deps.consents.onFile(candidateId),
    };
  };

  const handlers: Pick<Handlers, 'consent:terms' | 'system:mediaAccess'> = {
    'consent:terms': ({ candidateId }) => terms(candidateId),
    'system:mediaAccess': () => deps.askMediaAccess(),
  };

  return {
    handlers,
    /**
     * A candidate's session may use AI only when asked for and Settings allow it, which is what
     * their consent screen said. Your own practice only needs asking: its AI steps wait until AI
     * is turned on.
     */
    aiProcessingFor: (input: ParsedInput<'sessions:create'>, candidate: Candidate): boolean =>
      input.aiProcessing !== false && (candidate.isSelf || aiEndpoint() !== null),

    /**
     * The consent that goes with a new session: the one given on the screen just now, or an
     * earlier one of the candidate that covers this session's AI choice. None for yourself.
     */
    recordFor(session: Session, candidate: Candidate, given: ParsedInput<'sessions:create'>['consent']): Consent | null {
      if (candidate.isSelf) return null;
      const endpoint = session.aiProcessing ? aiEndpoint() : null;
      const base = {
        sessionId: session.id,
        candidateId: candidate.id,
        textVersion: CONSENT_TEXT_VERSION,
        aiEndpoint: endpoint,
        dataDir: deps.dataDir,
        retentionDays: deps.settings.get().retentionDays,
      };
      if (given) {
        deps.log.info('consent given', { sessionId: session.id, ai: endpoint !== null });
        return deps.consents.record({ ...base, givenAt: deps.now() });
      }
      const onFile = deps.consents.onFile(candidate.id);
      if (onFile && consentCovers(onFile, endpoint)) {
        return deps.consents.record({ ...base, givenAt: onFile.givenAt, carriedFromSessionId: onFile.sessionId });
      }
      deps.log.warn('session created without consent', { sessionId: session.id });
      return null;
    },
  };
}
