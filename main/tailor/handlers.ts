import { AppError } from '../../shared/ipc/result';
import { classifyAiError, createAiClient } from '../ai/client';
import { generateQuestions } from '../ai/generateQuestions';
import { extractDocumentText } from '../documents/extractText';
import type { Handlers } from '../ipc/handlers';
import type { Logger } from '../log';
import type { SettingsService } from '../settings/SettingsService';

export interface TailorDeps {
  settings: SettingsService;
  log: Logger;
}

type TailorHandlers = Pick<Handlers, 'documents:extractText' | 'questions:generate' | 'questions:cancelGenerate'>;

/** Resume and job description import, and questions generated for them. */
export function createTailorHandlers(deps: TailorDeps): TailorHandlers {
  /** Requests still running, by the page's request id, so that the page can cancel them. */
  const running = new Map<string, AbortController>();

  return {
    'documents:extractText': ({ fileName, bytes }) => extractDocumentText(fileName, bytes),

    'questions:generate': async ({ requestId, ...input }) => {
      const access = await deps.settings.aiAccess();
      if (!access) {
        throw new AppError(
          'ai/not_configured',
          'AI is off, or no API key is stored. Set up AI in Settings, or choose a built-in question set.',
        );
      }
      if (running.has(requestId)) throw new AppError('conflict', 'These questions are already being written.');
      const controller = new AbortController();
      running.set(requestId, controller);
      try {
        const client = createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey });
        const questions = await generateQuestions({
          client,
          model: access.settings.scoringModel,
          ...input,
          signal: controller.signal,
        });
        deps.log.info('questions generated', { count: questions.length, model: access.settings.scoringModel });
        return questions;
      } catch (error) {
        const { message } = classifyAiError(error);
        deps.log.warn('question generation failed', { message, error });
        throw new AppError('ai/failed', message, { cause: error });
      } finally {
        running.delete(requestId);
      }
    },

    'questions:cancelGenerate': ({ requestId }) => {
      running.get(requestId)?.abort();
    },
  };
}
