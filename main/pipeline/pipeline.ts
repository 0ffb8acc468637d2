import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Job, Recording } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { classifyAiError, createAiClient, testConnection } from '../ai/client';
import { scoreSession } from '../ai/score';
import type { SessionScore } from '../ai/scoreSchema';
import { transcribeRecording } from '../ai/transcribe';
import type { JobKind } from '../../shared/domain/enums';
import type { JobContext, JobHandler, JobOutcome } from '../jobs/JobRunner';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import type { Tx } from '../jobs/jobStore';
import type { NewEvaluation } from '../repositories/processing';
import { extractAudio, FfmpegError, makeThumbnail, measureVoice, transcodeMp4, transcriptMetrics } from '../media/steps';
import { abs, answerWindows, derivedPath, enqueue, MAX_ATTEMPTS, TEMP_DIR, type PipelineDeps } from './context';

// The steps after a recording is finalized, as jobs:
//   thumbnail, extract_audio -> (voice_metrics, transcribe -> score), transcode_mp4
// Each writes its file beside the recording (temp + rename inside the step) and records the
// result, and what comes next, in the transaction that completes its job.

const NoPayload = z.object({}).passthrough();

function toEvaluation(model: string, score: SessionScore): NewEvaluation {
  const { session: s } = score;
  const claim = (c: SessionScore['session']['strengths'][number]) => ({ text: c.text, quote: c.quote });
  return {
    model,
    overall: s.overall,
    dimensions: {
      communication: s.communication,
      technical: s.technical,
      problemSolving: s.problemSolving,
      confidence: s.confidence,
      culturalFit: s.culturalFit,
    },
    weights: s.weights,
    weightedOverall: s.weightedOverall,
    strengths: s.strengths.map(claim),
    improvements: s.improvements.map(claim),
    recommendations: s.recommendations.map(claim),
    suggestedDecision: s.suggestedDecision,
    summary: s.summary,
    questions: score.questions.map((q) => ({
      sessionQuestionId: q.questionId,
      score: q.score,
      feedback: q.feedback,
      criteria: q.criteria,
      good: q.good,
      missing: q.missing,
      outline: q.betterAnswerOutline,
      quotes: q.quotes,
    })),
  };
}

export interface Pipeline {
  handlers: JobHandler<unknown>[];
  afterFinalize(tx: Tx, recording: Recording): void;
  rescore(recording: Recording): Job;
  testAi(): Promise<{ ok: boolean; message: string }>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const waitFfmpeg: JobOutcome = { type: 'wait', reason: 'ffmpeg', message: 'ffmpeg was not found; this step waits until it is installed.' };
  const waitAi: JobOutcome = {
    type: 'wait',
    reason: 'ai_settings',
    message: 'Waiting for AI settings: add an API key or a local endpoint in Settings.',
  };

  async function playable(recordingId: string): Promise<Recording> {
    const recording = await deps.recordings.get(recordingId);
    if (recording.status !== 'finalized') throw new AppError('conflict', 'The recording is not playable yet.');
    return recording;
  }

  /**
   * A job of the ffmpeg group on a playable recording. It waits while ffmpeg is missing; ffmpeg's
   * failures fail it at once when retrying cannot help (a damaged file), else retry it.
   */
  function ffmpegHandler(
    kind: JobKind,
    step: (ctx: { location: FfmpegLocation; recording: Recording } & Pick<JobContext<object>, 'signal' | 'progress'>) => Promise<JobOutcome>,
  ): JobHandler<object> {
    return {
      kind,
      group: 'ffmpeg',
      maxAttempts: MAX_ATTEMPTS.ffmpeg,
      payload: NoPayload,
      async run({ job, signal, progress }) {
        const location = deps.ffmpeg();
        if (!location) return waitFfmpeg;
        try {
          return await step({ location, recording: await playable(job.recordingId), signal, progress });
        } catch (error) {
          if (!(error instanceof FfmpegError)) throw error;
          return error.permanent ? { type: 'fail', message: error.explanation } : { type: 'retry', message: error.explanation };
        }
      },
    };
  }

  /** Turns an AI call's failure into the queue's language: retry, wait for the network, or fail. */
  function aiOutcome(error: unknown): JobOutcome {
    const c = classifyAiError(error);
    switch (c.kind) {
      case 'retry':
        return { type: 'retry', message: c.message, retryAfterMs: c.retryAfterMs };
      case 'wait_network':
        return { type: 'wait', reason: 'network', message: c.message };
      case 'fatal':
        return { type: 'fail', message: c.message };
    }
  }

  /** Words-based delivery metrics, once both the transcript and the voice metrics exist. */
  function refreshTranscriptMetrics(tx: Tx, recording: Recording, questions: Awaited<ReturnType<typeof deps.sessions.questions>>): void {
    const transcript = deps.processing.transcript(recording.id);
    if (!transcript) return;
    const words = transcript.segments.flatMap((s) => s.words);
    // The room marks an answer's start when the avatar stops asking: latency counts from there.
    deps.processing.putTranscriptMetrics(tx, recording.id, transcriptMetrics({ words, answers: answerWindows(questions) }));
  }

  const thumbnail = ffmpegHandler('thumbnail', async ({ location, recording, signal }) => {
    const rel = derivedPath(recording, 'jpg');
    const atMs = Math.min(1000, Math.floor((recording.durationMs ?? 0) / 10));
    const { bytes } = await makeThumbnail(location, abs(deps, recording.path), abs(deps, rel), { atMs, signal });
    return {
      type: 'done',
      commit: (tx) => deps.processing.putMediaFile(tx, recording.id, { kind: 'thumbnail', path: rel, mimeType: 'image/jpeg', bytes, durationMs: null }),
    };
  });

  const audio = ffmpegHandler('extract_audio', async ({ location, recording, signal, progress }) => {
    const rel = derivedPath(recording, 'audio.ogg');
    const result = await extractAudio(location, abs(deps, recording.path), abs(deps, rel), {
      signal,
      onProgress: (p) => progress(p.fraction, p.etaMs),
    });
    // AI turned off for this session (consent screen, setup): its audio never reaches the AI
    // service, because the AI steps are never queued; its analysis stage shows "off".
    const { aiProcessing } = await deps.sessions.get(recording.sessionId);
    return {
      type: 'done',
      commit: (tx) => {
        deps.processing.putMediaFile(tx, recording.id, { kind: 'audio', path: rel, mimeType: 'audio/ogg', bytes: result.bytes, durationMs: result.durationMs });
        enqueue(deps, tx, recording, 'voice_metrics', 'ffmpeg');
        if (aiProcessing) enqueue(deps, tx, recording, 'transcribe', 'ai');
      },
    };
  });

  const voice = ffmpegHandler('voice_metrics', async ({ location, recording, signal }) => {
    // The recording itself, not the small speech audio: clipping shows only at full quality.
    const source = recording.path;
    const questions = await deps.sessions.questions(recording.sessionId);
    const measured = await measureVoice(location, abs(deps, source), { answers: answerWindows(questions), signal });
    return {
      type: 'done',
      commit: (tx) => {
        deps.processing.putVoiceMetrics(tx, recording.id, measured);
        refreshTranscriptMetrics(tx, recording, questions);
      },
    };
  });

  const mp4 = ffmpegHandler('transcode_mp4', async ({ location, recording, signal, progress }) => {
    const questions = await deps.sessions.questions(recording.sessionId);
    const asked = questions.filter((q) => q.askedOffsetMs !== null);
    const durationMs = recording.durationMs ?? 0;
    const chapters = asked.map((q, i) => ({
      title: `Question ${q.position + 1}${q.followUpOf ? ' (follow-up)' : ''}: ${q.text}`,
      startMs: q.askedOffsetMs!,
      endMs: asked[i + 1]?.askedOffsetMs ?? durationMs,
    }));
    const rel = derivedPath(recording, 'mp4');
    const result = await transcodeMp4(location, abs(deps, recording.path), abs(deps, rel), {
      chapters,
      durationMs,
      signal,
      onProgress: (p) => progress(p.fraction, p.etaMs),
    });
    const mp4Only = deps.settings.get().keepMedia === 'mp4';
    return {
      type: 'done',
      commit: (tx) => {
        deps.processing.putMediaFile(tx, recording.id, { kind: 'mp4', path: rel, mimeType: 'video/mp4', bytes: result.bytes, durationMs: result.durationMs });
        if (mp4Only) deps.recordings.updateIn(tx, recording.id, { path: rel, mimeType: 'video/mp4', codecs: 'h264,aac', bytes: result.bytes });
      },
      // Only once the row points at the MP4 may the WebM go; an open review switches to the MP4 first.
      afterCommit: mp4Only
        ? async () => {
            deps.hub.emit('recording:onUpdated', await deps.recordings.get(recording.id));
            await rm(abs(deps, recording.path), { force: true });
          }
        : undefined,
    };
  });

  const transcribe: JobHandler<object> = {
    kind: 'transcribe',
    group: 'ai',
    maxAttempts: MAX_ATTEMPTS.ai,
    payload: NoPayload,
    async run({ job, signal, progress }) {
      const access = await deps.settings.aiAccess();
      if (!access) return waitAi;
      const location = deps.ffmpeg();
      if (!location) return waitFfmpeg;
      const recording = await playable(job.recordingId);
      const audioFile = deps.processing.mediaFile(recording.id, 'audio');
      if (!audioFile) return { type: 'fail', message: 'The audio for transcription is missing; run the audio step again.' };
      const client = createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey, timeoutMs: 10 * 60_000 });
      const workDir = join(deps.dataDir, TEMP_DIR);
      await mkdir(workDir, { recursive: true });
      let result: Awaited<ReturnType<typeof transcribeRecording>>;
      try {
        result = await transcribeRecording({
          client,
          model: access.settings.transcriptionModel,
          audioFile: abs(deps, audioFile.path),
          ffmpeg: location,
          durationMs: audioFile.durationMs ?? recording.durationMs ?? 0,
          workDir,
          signal,
          onProgress: (fraction) => progress(fraction, null),
        });
      } catch (error) {
        if (signal.aborted) throw error;
        return aiOutcome(error);
      }
      const questions = await deps.sessions.questions(recording.sessionId);
      return {
        type: 'done',
        commit: (tx) => {
          deps.processing.putTranscript(tx, recording.id, { language: result.language, model: access.settings.transcriptionModel, segments: result.segments });
          refreshTranscriptMetrics(tx, recording, questions);
          deps.store.enqueueOrRestart(tx, { kind: 'score', sessionId: recording.sessionId, recordingId: recording.id, maxAttempts: MAX_ATTEMPTS.ai });
        },
      };
    },
  };

  const score: JobHandler<object> = {
    kind: 'score',
    group: 'ai',
    maxAttempts: MAX_ATTEMPTS.ai,
    payload: NoPayload,
    async run({ job, signal }) {
      const access = await deps.settings.aiAccess();
      if (!access) return waitAi;
      const recording = await playable(job.recordingId);
      const transcript = deps.processing.transcript(recording.id);
      if (!transcript) return { type: 'fail', message: 'There is no transcript to score.' };
      const session = await deps.sessions.get(recording.sessionId);
      const questions = await deps.sessions.questions(recording.sessionId);
      // Corrections by the user are what gets scored.
      const segments = transcript.segments.map((s) => ({ ...s, text: s.editedText ?? s.text }));
      const textIn = (startMs: number, endMs: number) =>
        segments.filter((s) => s.endMs > startMs && s.startMs < endMs).map((s) => s.text).join(' ');
      const client = createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey });
      try {
        const result = await scoreSession({
          client,
          model: access.settings.scoringModel,
          interviewType: session.interviewType,
          jobTitle: session.jobTitle,
          questions: questions.map((q) => {
            const answer =
              q.answerStartedOffsetMs !== null && q.answerEndedOffsetMs !== null
                ? { startMs: q.answerStartedOffsetMs, endMs: q.answerEndedOffsetMs }
                : null;
            const parent = q.followUpOf === null ? undefined : questions.find((p) => p.id === q.followUpOf);
            return {
              id: q.id,
              position: q.position,
              text: q.text,
              keywords: q.keywords,
              answer,
              transcript: answer ? textIn(answer.startMs, answer.endMs) : '',
              ...(parent ? { followUpTo: parent.position } : {}),
            };
          }),
          transcriptSegments: segments,
          signal,
        });
        return {
          type: 'done',
          commit: (tx) => deps.processing.putAiEvaluation(tx, recording.sessionId, toEvaluation(access.settings.scoringModel, result)),
        };
      } catch (error) {
        if (signal.aborted) throw error;
        return aiOutcome(error);
      }
    },
  };

  return {
    handlers: [thumbnail, audio, voice, mp4, transcribe, score] as JobHandler<unknown>[],
    afterFinalize(tx, recording) {
      enqueue(deps, tx, recording, 'thumbnail', 'ffmpeg');
      enqueue(deps, tx, recording, 'extract_audio', 'ffmpeg');
      if (deps.settings.get().keepMedia !== 'original') enqueue(deps, tx, recording, 'transcode_mp4', 'ffmpeg');
    },
    rescore(recording) {
      return deps.raw
        .transaction(() =>
          deps.store.enqueueOrRestart(deps.raw, { kind: 'score', sessionId: recording.sessionId, recordingId: recording.id, maxAttempts: MAX_ATTEMPTS.ai }),
        )
        .immediate();
    },
    async testAi() {
      const access = await deps.settings.aiAccess();
      if (!access) return { ok: false, message: 'AI is off, or no API key is stored for this endpoint.' };
      const client = createAiClient({ baseUrl: access.settings.baseUrl, apiKey: access.apiKey, timeoutMs: 15_000 });
      return testConnection(client, [access.settings.transcriptionModel, access.settings.scoringModel]);
    },
  };
}
