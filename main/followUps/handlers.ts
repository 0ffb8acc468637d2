import { APIUserAbortError } from 'openai';
import { AppError } from '../../shared/ipc/result';
import { classifyAiError, createAiClient } from '../ai/client';
import { FOLLOW_UP_TIMEOUT_MS, proposeFollowUp } from '../ai/followUp';
import type { Handlers } from '../ipc/handlers';
import type { Logger } from '../log';
import type { SessionEventsRepository } from '../repositories/sessionEvents';
import type { SessionsRepository } from '../repositories/sessions';
import type { SettingsService } from '../settings/SettingsService';

export interface FollowUpDeps {
  sessions: SessionsRepository;
  events: SessionEventsRepository;
  settings: SettingsService;
  log: Logger;
  /** Transcription and question together; the room waits a little longer than this. */
  timeoutMs?: number;
}

type FollowUpHandlers = Pick<Handlers, 'followUps:propose'>;

/**
 * Follow-up questions in practice: an answer's audio is transcribed and the AI may propose one
 * follow-up, which becomes a session question right after its parent. Whatever goes wrong with
 * the AI (off, offline, slow, an unusable reply) is no error for the room: it goes on without
 * one, and the session's log says why.
 */
export function createFollowUpHandlers(deps: FollowUpDeps): FollowUpHandlers {
  return {
    'followUps:propose': async ({ sessionQuestionId, audio, mimeType }) => {
      const sessionId = await deps.sessions.sessionIdOfQuestion(sessionQuestionId);
      const session = await deps.sessions.get(sessionId);
      const question = (await deps.sessions.questions(sessionId)).find((q) => q.id === sessionQuestionId)!;
      if (session.status !== 'in_progress') throw new AppError('conflict', 'This interview has already ended.');
      if (!session.followUps) throw new AppError('conflict', 'Follow-up questions are off for this interview.');
      if (question.followUpOf !== null) throw new AppError('conflict', 'A follow-up question gets no follow-up of its own.');
      if (question.answerEndedOffsetMs === null) throw new AppError('conflict', 'This question has not been answered yet.');

      const context = { sessionId, sessionQuestionId, audioBytes: audio.byteLength };
      const goOn = async (reason: string, error?: unknown) => {
        deps.log.warn('no follow-up question', { ...context, reason, error });
        await deps.events.add({ sessionId, kind: 'log', level: 'info', message: `No follow-up question: ${reason}`, offsetMs: question.answerEndedOffsetMs });
        // Nothing tries again here: the room goes on, so "trying again later" would mislead.
        return { question: null, note: `No follow-up this time. ${reason.replace(/;? trying again later\.$/, '.')}` };
      };

      const access = await deps.settings.aiAccess();
      if (!access) return goOn('AI is off, or no API key is stored.');
      try {
        const { followUp, transcript } = await proposeFollowUp({
          client: createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey }),
          transcriptionModel: access.settings.transcriptionModel,
          model: access.settings.scoringModel,
          interviewType: session.interviewType,
          question,
          audio: { bytes: audio, mimeType },
          timeoutMs: deps.timeoutMs ?? FOLLOW_UP_TIMEOUT_MS,
        });
        if (!followUp) {
          deps.log.info('no follow-up needed', { ...context, words: transcript.split(' ').filter(Boolean).length });
          return { question: null, note: null };
        }
        const inserted = await deps.sessions.insertFollowUp(sessionQuestionId, followUp);
        deps.log.info('follow-up question added', { ...context, followUpId: inserted.id, position: inserted.position });
        return { question: inserted, note: null };
      } catch (error) {
        // An abort here is our own time bound: the AI took longer than a pause in a conversation.
        const timedOut = error instanceof APIUserAbortError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
        if (error instanceof AppError) return goOn(error.message, error);
        return goOn(timedOut ? 'The AI service took too long to answer.' : classifyAiError(error).message, error);
      }
    },
  };
}
