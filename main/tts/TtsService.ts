import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TTS_MODEL, type OpenAiVoice } from '../../shared/domain/voices';
import { AppError } from '../../shared/ipc/result';
import { classifyAiError, createAiClient } from '../ai/client';
import type { Logger } from '../log';
import { TTS_CACHE_DIR } from '../media/mediaFiles';
import { PARTIAL_SUFFIX } from '../media/runFfmpeg';
import type { SettingsService } from '../settings/SettingsService';

export interface TtsDeps {
  dataDir: string;
  settings: SettingsService;
  log: Logger;
}

/** Speech for a question: its path relative to the data folder, and whether it was there already. */
export interface SpokenAudio {
  path: string;
  cached: boolean;
}

/** Speech can take a while for a long question on a slow service, but never a minute. */
const SPEECH_TIMEOUT_MS = 45_000;

/**
 * OpenAI text-to-speech, cached in the data folder per model, voice and text: a second session
 * with the same questions speaks without the network. Files are written to a temp name, synced
 * and renamed, so a crash never leaves half an MP3 under a cache name.
 */
export class TtsService {
  /** Speech being made, by file name: the room's prefetch and its first question ask at once. */
  private readonly making = new Map<string, Promise<SpokenAudio>>();

  constructor(private readonly deps: TtsDeps) {}

  speak(text: string, voice: OpenAiVoice): Promise<SpokenAudio> {
    const name = `${createHash('sha256').update(`${TTS_MODEL}\n${voice}\n${text}`).digest('hex')}.mp3`;
    const pending = this.making.get(name);
    if (pending) return pending;
    const made = this.make(name, text, voice).finally(() => this.making.delete(name));
    this.making.set(name, made);
    return made;
  }

  private async make(name: string, text: string, voice: OpenAiVoice): Promise<SpokenAudio> {
    const path = `${TTS_CACHE_DIR}/${name}`;
    const file = join(this.deps.dataDir, TTS_CACHE_DIR, name);
    const existing = await stat(file).catch(() => null);
    if (existing?.isFile() && existing.size > 0) return { path, cached: true };

    const access = await this.deps.settings.aiAccess();
    if (!access) throw new AppError('ai/not_configured', 'OpenAI voices need AI settings; the system voice is used instead.');
    let audio: Buffer;
    try {
      const client = createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey, timeoutMs: SPEECH_TIMEOUT_MS });
      const response = await client.audio.speech.create({ model: TTS_MODEL, voice, input: text, response_format: 'mp3' });
      audio = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const { message } = classifyAiError(error);
      this.deps.log.warn('speech failed', { message, error });
      throw new AppError('ai/failed', message, { cause: error });
    }
    if (audio.length === 0) throw new AppError('ai/failed', 'The AI service sent no audio.');
    await mkdir(join(this.deps.dataDir, TTS_CACHE_DIR), { recursive: true });
    const partial = `${file}.${randomUUID()}${PARTIAL_SUFFIX}`;
    try {
      const handle = await open(partial, 'w');
      try {
        await handle.writeFile(audio);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { path, cached: false };
  }
}
