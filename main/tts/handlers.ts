import type { Handlers } from '../ipc/handlers';
import { TtsService, type TtsDeps } from './TtsService';

/** OpenAI voices for the interviewer: a URL the page plays, through the media serving. */
export function createTtsHandlers(deps: TtsDeps & { mediaBaseUrl: () => string }): Pick<Handlers, 'tts:speak'> {
  const tts = new TtsService(deps);
  return {
    'tts:speak': async ({ text, voice }) => {
      const spoken = await tts.speak(text, voice);
      return { url: `${deps.mediaBaseUrl()}${spoken.path}`, cached: spoken.cached };
    },
  };
}
