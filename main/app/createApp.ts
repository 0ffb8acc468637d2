import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import os from 'node:os';
import { ANALYSIS_KINDS, stagesOf } from '../../shared/domain/stages';
import type { AppInfo, Job, OpenRequest, Processing, SessionDetail } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { openDatabase } from '../db/connection';
import { JobRunner, type RunnerOptions } from '../jobs/JobRunner';
import { JobStore } from '../jobs/jobStore';
import { createPipeline } from '../pipeline/pipeline';
import { TEMP_DIR } from '../pipeline/context';
import { ProcessingRepository } from '../repositories/processing';
import { MemorySecretStore, SettingsService, type SecretStore } from '../settings/SettingsService';
import { createDispatch, type Dispatch, type Handlers } from '../ipc/handlers';
import { EventHub } from '../ipc/eventHub';
import { createLogger, type Logger } from '../log';
import { ffmpegStaticPath, locateFfmpeg } from '../media/ffmpegLocator';
import { TTS_CACHE_DIR } from '../media/mediaFiles';
import { cleanupPartials } from '../media/runFfmpeg';
import { questionSetHandlers } from '../questions/handlers';
import { loadBuiltInQuestionSets } from '../questions/questionSets';
import { QuestionSetsRepository } from '../questions/QuestionSetsRepository';
import { DEFAULT_DISK_POLICY, freeBytes as statFreeBytes, type DiskPolicy } from '../recording/diskSpace';
import { RecordingService } from '../recording/RecordingService';
import { libraryHandlers } from '../library/handlers';
import { LibraryRepository } from '../library/libraryRepository';
import { LibraryService } from '../library/LibraryService';
import { createSessionLocks, type SessionLocks } from '../library/sessionLocks';
import { CandidatesRepository } from '../repositories/candidates';
import { RecordingsRepository } from '../repositories/recordings';
import { SessionEventsRepository } from '../repositories/sessionEvents';
import { SessionsRepository } from '../repositories/sessions';
import { createTailorHandlers } from '../tailor/handlers';
import { createFollowUpHandlers } from '../followUps/handlers';
import { createTtsHandlers } from '../tts/handlers';
import { ReviewsRepository } from '../repositories/reviews';
import { reviewHandlers } from '../reviews/handlers';
import { takeHandlers } from '../takes/handlers';
import { ConsentsRepository } from '../repositories/consents';
import { createPrivacy, MEDIA_GRANTED, type AskMediaAccess } from '../privacy/handlers';
import { createShareHandlers, type FileDialogs } from '../share/handlers';
import { ShareService } from '../share/ShareService';
import { createKitHandlers } from '../kits/handlers';
import { KitService, kitSessionFields } from '../kits/KitService';
import { systemClock, type Clock } from './deps';
import { makeDataFolderPrivate } from './privateFolder';

export interface AppOptions {
  /** The user's data folder: database, recordings, backups. */
  dataDir: string;
  migrationsDir: string;
  /** Holds question-sets/. */
  resourcesDir: string;
  appVersion: string;
  /** Where the transport serves recordings; asked per call since a bridge learns its port late. */
  mediaBaseUrl: () => string;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** ffmpeg-static's binary path; by default asked of the package. */
  ffmpegStaticPath?: string | null;
  freeBytes?: (dir: string) => Promise<number>;
  disk?: Partial<DiskPolicy>;
  /** 0 flushes every chunk; the default keeps at most a second of video only in the OS cache. */
  fsyncIntervalMs?: number;
  log?: Logger;
  /** Where the AI key is kept; the Electron shell passes its safeStorage one. */
  secrets?: SecretStore;
  /** Run background jobs (on by default; some tests drive the queue themselves). */
  runJobs?: boolean;
  /** Asks the OS for camera/microphone access (the shell on macOS); granted by default. */
  askMediaAccess?: AskMediaAccess;
  /** Queue tuning (backoff, polling) for tests. */
  jobs?: Partial<Pick<RunnerOptions, 'baseBackoffMs' | 'maxBackoffMs' | 'pollMs' | 'recheckWaitingMs' | 'random'>>;
  /** The Electron shell's save and open dialogs for bundles; absent in browser mode and the CLI. */
  dialogs?: FileDialogs;
  /** Browser mode: the URL prefix that serves the data folder's exports/ for download. */
  exportsBaseUrl?: () => string;
  /** How long a follow-up question may take (transcription and question); tests shorten it. */
  followUpTimeoutMs?: number;
}

export interface App {
  dispatch: Dispatch;
  hub: EventHub;
  handlers: Handlers;
  recordings: RecordingService;
  runner: JobRunner;
  settings: SettingsService;
  /** Sessions an export is reading; delete and retention skip them. */
  sessionLocks: SessionLocks;
  library: LibraryService;
  share: ShareService;
  kits: KitService;
  /** A file the OS asked to open (double-click): becomes an import the page offers. */
  openFile(path: string): Promise<OpenRequest>;
  recoveredSessionIds: string[];
  close(): Promise<void>;
}

/** The composition root: every main-process service, built from plain options, no Electron. */
export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const log = options.log ?? createLogger('main');
  const disk = { ...DEFAULT_DISK_POLICY, ...options.disk };
  const madePrivate = await makeDataFolderPrivate(options.dataDir);
  if (madePrivate > 0) log.info('data folder made private', { entries: madePrivate });
  const database = openDatabase({
    file: join(options.dataDir, 'interview-recorder.sqlite'),
    migrationsDir: options.migrationsDir,
    backupDir: join(options.dataDir, 'backups'),
    now: () => clock.now(),
  });
  if (database.migration.from !== database.migration.to) {
    log.info('database migrated', { ...database.migration });
  }
  const { db } = database;
  const candidates = new CandidatesRepository(database, clock);
  const sessions = new SessionsRepository(database, clock);
  const recordingsRepo = new RecordingsRepository(db);
  const events = new SessionEventsRepository(db, clock);
  const questionSets = new QuestionSetsRepository(
    database.raw,
    loadBuiltInQuestionSets(join(options.resourcesDir, 'question-sets')),
    clock,
  );
  const hub = new EventHub();
  const staticPath = options.ffmpegStaticPath === undefined ? ffmpegStaticPath() : options.ffmpegStaticPath;
  const ffmpeg = () => locateFfmpeg({ env, staticPath });

  const settings = new SettingsService(database.raw, options.secrets ?? new MemorySecretStore(env.OPENAI_API_KEY ?? null), clock.now);
  const store = new JobStore(database.raw, clock.now);
  const runner = new JobRunner({
    store,
    hub,
    log: log.child('jobs'),
    now: clock.now,
    concurrency: { ffmpeg: 1, ai: 2 },
    ...options.jobs,
  });
  const processing = new ProcessingRepository(database.raw, clock.now);
  const consents = new ConsentsRepository(database.raw);
  const privacy = createPrivacy({
    dataDir: options.dataDir,
    settings,
    consents,
    candidates,
    askMediaAccess: options.askMediaAccess ?? (async () => MEDIA_GRANTED),
    now: clock.now,
    log: log.child('privacy'),
  });
  const pipeline = createPipeline({
    dataDir: options.dataDir,
    raw: database.raw,
    store,
    processing,
    recordings: recordingsRepo,
    sessions,
    settings,
    ffmpeg,
    hub,
    log: log.child('pipeline'),
  });
  for (const handler of pipeline.handlers) runner.register(handler);

  const recordings = new RecordingService({
    dataDir: options.dataDir,
    raw: database.raw,
    onFinalized: (tx, recording) => {
      pipeline.afterFinalize(tx, recording);
      // Poke after the transaction commits, so the runner sees the new jobs.
      queueMicrotask(() => runner.poke());
    },
    clock,
    recordings: recordingsRepo,
    sessions,
    events,
    hub,
    log: log.child('recording'),
    ffmpeg,
    freeBytes: options.freeBytes ?? statFreeBytes,
    disk,
    fsyncIntervalMs: options.fsyncIntervalMs ?? 1000,
  });
  // Half-written outputs and scratch files of steps a crash cut short: their jobs run again.
  await rm(join(options.dataDir, TEMP_DIR), { recursive: true, force: true });
  const recordingsDir = join(options.dataDir, 'recordings');
  for (const entry of await readdir(recordingsDir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) await cleanupPartials(join(recordingsDir, entry.name));
  }
  await cleanupPartials(join(options.dataDir, TTS_CACHE_DIR));
  const recoveredSessionIds = await recordings.recoverInterrupted();
  const abandoned = await sessions.interruptLeftInProgress();
  if (abandoned.length) log.info('sessions left in progress marked interrupted', { abandoned });
  const sessionLocks = createSessionLocks();
  const library = new LibraryService({
    dataDir: options.dataDir,
    raw: database.raw,
    locks: sessionLocks,
    cancelJobs: (sessionId) => {
      for (const job of store.forSession(sessionId)) {
        if (job.status === 'queued' || job.status === 'running' || job.status === 'waiting') runner.cancel(job.id);
      }
    },
    log: log.child('library'),
    now: clock.now,
  });
  await library.removeOrphanFolders();
  await library.startRetention(() => settings.get().retentionDays);
  if (options.runJobs ?? true) runner.start();

  const processingOf = async (sessionId: string): Promise<Processing> => {
    const recording = await recordingsRepo.latestForSession(sessionId);
    const jobs = store.forSession(sessionId);
    const { aiProcessing } = await sessions.get(sessionId);
    return {
      stages: stagesOf(recording, jobs, settings.get().ai.enabled && aiProcessing),
      jobs,
      media: recording ? processing.mediaFiles(recording.id) : [],
      voice: recording ? processing.voiceMetrics(recording.id) : [],
      transcript: recording ? processing.transcript(recording.id) : null,
      evaluation: processing.aiEvaluation(sessionId),
    };
  };
  // New AI settings are the user's answer to whatever stopped the AI steps: waiting for settings
  // or the network, or a failure such as a refused key or an unknown model. All of them go again.
  const wakeAi = () => {
    runner.wake('ai_settings');
    runner.wake('network');
    for (const id of store.failedIds(ANALYSIS_KINDS)) runner.restart(id);
  };
  const existingJob = (job: Job | null): Job => {
    if (!job) throw new AppError('not_found', 'That background task no longer exists.');
    return job;
  };

  const detail = async (sessionId: string): Promise<SessionDetail> => {
    const session = await sessions.get(sessionId);
    return {
      session,
      candidate: await candidates.get(session.candidateId),
      questions: await sessions.questions(sessionId),
      recording: await recordingsRepo.latestForSession(sessionId),
      events: await events.forSession(sessionId),
      consent: consents.forSession(sessionId),
    };
  };

  const share = new ShareService({
    dataDir: options.dataDir,
    raw: database.raw,
    appVersion: options.appVersion,
    now: clock.now,
    ffmpeg,
    log: log.child('share'),
    locks: sessionLocks,
  });

  const kits = new KitService(database.raw, questionSets, clock, options.appVersion);
  const kitHandlers = createKitHandlers({ kits, dataDir: options.dataDir, now: clock.now, dialogs: options.dialogs, exportsBaseUrl: options.exportsBaseUrl });
  const shareHandlers = createShareHandlers({ share, hub, dataDir: options.dataDir, now: clock.now, dialogs: options.dialogs, exportsBaseUrl: options.exportsBaseUrl, openKit: kitHandlers.openKit, freeBytes: options.freeBytes ?? statFreeBytes, reserveBytes: disk.minFreeToStart });
  const handlers: Handlers = {
    ...privacy.handlers,
    'app:info': (): AppInfo => {
      const found = ffmpeg();
      return {
        version: options.appVersion,
        platform: process.platform,
        dataDir: options.dataDir,
        mediaBaseUrl: options.mediaBaseUrl(),
        ffmpeg: { available: found !== null, path: found?.ffmpeg ?? null, source: found?.source ?? null },
        recoveredSessionIds,
      };
    },
    'candidates:list': () => candidates.list(),
    'candidates:create': (input) => candidates.create(input),
    'candidates:ensureSelf': () => candidates.ensureSelf(),
    ...createTailorHandlers({ settings, log: log.child('tailor') }),
    ...createTtsHandlers({ dataDir: options.dataDir, settings, log: log.child('tts'), mediaBaseUrl: options.mediaBaseUrl }),
    ...questionSetHandlers(questionSets),
    'sessions:create': async (input) => {
      const candidate = await candidates.get(input.candidateId);
      const set = questionSets.get(input.questionSetId);
      const { session } = await sessions.create({
        ...input,
        questionSetName: set.name,
        instructions: set.instructions,
        // Reviewed tailored questions replace the set's; the set id stays to say where they started.
        questions: input.questions ?? set.questions,
        // A kit's set: its mode, role and questions, whatever the page sent.
        ...kitSessionFields(set),
        environment: { ...input.environment, appVersion: options.appVersion, os: `${os.type()} ${os.release()}` },
        aiProcessing: privacy.aiProcessingFor(input, candidate),
      });
      privacy.recordFor(session, candidate, input.consent);
      log.info('session created', { sessionId: session.id, type: session.interviewType });
      return detail(session.id);
    },
    'sessions:list': () => sessions.list(),
    'sessions:get': ({ sessionId }) => detail(sessionId),
    'sessions:finish': async ({ sessionId, status }) => {
      const session = await sessions.get(sessionId);
      if (session.status !== 'in_progress') {
        throw new AppError('conflict', 'This interview has already ended.');
      }
      const current = await recordingsRepo.latestForSession(sessionId);
      const recording = current?.status === 'recording' ? await recordings.stop(current.id) : current;
      const endedAt = clock.now();
      const durationMs =
        recording?.durationMs ?? (session.startedAt === null ? null : endedAt - session.startedAt);
      await sessions.setStatus(sessionId, status, { endedAt, durationMs });
      log.info('session finished', { sessionId, status });
      return detail(sessionId);
    },
    'recording:start': (input) => recordings.start(input),
    'recording:appendChunk': (input) => recordings.append(input),
    'recording:stop': ({ recordingId }) => recordings.stop(recordingId),
    'recording:finalize': ({ recordingId }) => recordings.finalize(recordingId),
    'questions:mark': ({ sessionQuestionId, mark, offsetMs }) =>
      sessions.markQuestion(sessionQuestionId, mark, offsetMs),
    'questions:chooseTake': ({ sessionQuestionId, takeId }) => sessions.chooseTake(sessionQuestionId, takeId),
    'events:log': async (input) => {
      await sessions.get(input.sessionId);
      await events.add(input);
    },
    'jobs:retry': ({ jobId }) => existingJob(runner.restart(jobId)),
    'jobs:cancel': ({ jobId }) => existingJob(runner.cancel(jobId)),
    'processing:get': async ({ sessionId }) => {
      await sessions.get(sessionId);
      return processingOf(sessionId);
    },
    'transcripts:editSegment': ({ segmentId, text }) => processing.editSegment(segmentId, text),
    'processing:rescore': async ({ sessionId }) => {
      if (!(await sessions.get(sessionId)).aiProcessing) {
        throw new AppError('conflict', 'AI processing is off for this interview.');
      }
      const recording = await recordingsRepo.latestForSession(sessionId);
      if (!recording || !processing.transcript(recording.id)) {
        throw new AppError('conflict', 'There is no transcript to score yet.');
      }
      const job = pipeline.rescore(recording);
      runner.poke();
      return job;
    },
    'settings:get': () => settings.view(),
    'settings:update': async ({ apiKey, allowWeakStorage, ...changes }) => {
      // The key first: when it is refused (weak storage not accepted), nothing has changed.
      if (apiKey !== undefined) await settings.setApiKey(apiKey, allowWeakStorage);
      settings.update(changes);
      if (changes.ai || typeof apiKey === 'string') wakeAi();
      return settings.view();
    },
    'settings:testAi': () => pipeline.testAi(),
    ...libraryHandlers({ library: new LibraryRepository(database.raw), service: library, candidates }),
    ...reviewHandlers(new ReviewsRepository(database, clock)),
    ...takeHandlers({ sessions, recordings: recordingsRepo, processing, dataDir: options.dataDir, ffmpeg }),
    ...createFollowUpHandlers({ sessions, events, settings, log: log.child('followUps'), timeoutMs: options.followUpTimeoutMs }),
    ...shareHandlers.handlers,
    ...kitHandlers.handlers,
  };

  return {
    dispatch: createDispatch(handlers, log.child('ipc')),
    hub,
    handlers,
    recordings,
    runner,
    settings,
    sessionLocks,
    library,
    share,
    kits,
    openFile: shareHandlers.openFile,
    recoveredSessionIds,
    close: async () => {
      library.stop();
      await runner.stop();
      await recordings.closeAll();
      await database.close();
    },
  };
}
