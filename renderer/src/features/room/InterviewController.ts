import type { QuestionMark } from '../../../../shared/domain/enums';
import type { SessionDetail, SessionQuestion } from '../../../../shared/domain/types';
import { navigate, routes } from '../../app/router';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import {
  isDeviceMissing,
  mediaErrorMessage,
  pickMimeType,
  recordingConstraints,
  stopStream,
} from '../../lib/media';
import type { Speaking } from '../../lib/speech';
import { prefetchVoice, speakAs } from '../avatar/voice';
import { AnswerAudio } from './answerAudio';
import { ChunkQueue } from './chunkQueue';
import { initialRoomState, isLive, useRoomStore, type RoomState } from './store';

export const DISK_LOW_MESSAGE = 'Disk space is low, the recording was stopped and saved.';

/** MediaRecorder always fires 'stop', but a wedged capture must not leave "Saving…" forever. */
const RECORDER_STOP_TIMEOUT_MS = 5000;

/**
 * A breath between one answer and the next question, as a person would take; it also keeps the
 * answer's end and the next question's start apart on the timeline.
 */
const PAUSE_BETWEEN_QUESTIONS_MS = 600;

/**
 * How long the interviewer may think of a follow-up: main's own bound (12 s for transcription
 * and question) plus the upload; past it the interview goes on as if none was needed.
 */
const FOLLOW_UP_WAIT_MS = 15_000;

type FinishStatus = 'completed' | 'cancelled';

/** One failure (a lost connection) often fails every later call with the same sentence. */
function sentences(messages: string[]): string {
  return [...new Set(messages)].join(' ');
}

/**
 * Runs one interview: the camera, the MediaRecorder and its chunk queue, and the question flow.
 * It lives outside React so that re-renders never touch the recorder; the room's UI reads the
 * store it writes.
 */
export class InterviewController {
  private detail: SessionDetail | null = null;
  private questions: SessionQuestion[] = [];
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private recordingId: string | null = null;
  private queue: ChunkQueue | null = null;
  private startedAt = 0;
  private speaking: Speaking | null = null;
  /** The question whose answer is running, to close it when the interview ends mid-answer. */
  private answering: SessionQuestion | null = null;
  /** Bumped on every move; an async step that finds it changed has been overtaken. */
  private step = 0;
  /** Question marks go out one after another, in the order they happened. */
  private marks: Promise<void> = Promise.resolve();
  private ending = false;
  /** Failures that arrive while the recording is already being wrapped up. */
  private lateProblems: string[] = [];
  private disposed = false;
  private offDiskLow: (() => void) | null = null;
  /** The running countdown (think time, answer limit) and what happens when it ends. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  private onCountdownEnd: ((deadline: number) => void) | null = null;
  /** The current question's takes, in performance.now() time. */
  private takes: { number: number; startedAt: number; endedAt?: number }[] = [];
  /** Each question as main last returned it (with its takes' ids). */
  private readonly saved = new Map<string, SessionQuestion>();
  /** The current answer's takes as audio, for a follow-up question. */
  private readonly answerAudio = new AnswerAudio();

  constructor(
    private readonly sessionId: string,
    private readonly devices: { cameraId: string; microphoneId: string },
  ) {}

  private set(patch: Partial<RoomState> | ((state: RoomState) => Partial<RoomState>)): void {
    // A disposed controller may still be saving in the background; it must not paint over the
    // next room's state.
    if (!this.disposed) useRoomStore.setState(patch);
  }

  private warn(message: string): void {
    this.set((s) => (s.warnings.includes(message) ? {} : { warnings: [...s.warnings, message] }));
  }

  /** `at` (performance.now() time) on the recording's timeline. */
  private offset(at = performance.now()): number {
    return Math.max(0, Math.round(at - this.startedAt));
  }

  async open(): Promise<void> {
    try {
      const detail = await unwrap(api.sessions.get({ sessionId: this.sessionId }));
      this.questions = [...detail.questions].sort((a, b) => a.position - b.position);
      this.detail = { ...detail, questions: this.questions };
    } catch (error) {
      this.set({ phase: 'unavailable', message: describeError(error, 'Could not open this interview.') });
      return;
    }
    this.set({ detail: this.detail });
    if (this.detail.session.status !== 'in_progress' || this.detail.recording) {
      this.set({ phase: 'unavailable', message: 'This interview has already been recorded.' });
    } else if (this.questions.length === 0) {
      this.set({ phase: 'unavailable', message: 'This interview has no questions to ask.' });
    } else {
      // Fire and forget: the first question waits for its own audio anyway; later ones are ready.
      const { avatar, avatarSettings } = this.detail.session;
      void prefetchVoice(avatar, this.questions.map((q) => q.text), avatarSettings);
      await this.connect(false);
    }
  }

  /** Opens the camera and starts recording; `useDefaults` drops devices that have gone away. */
  async connect(useDefaults: boolean): Promise<void> {
    if (this.disposed || !this.detail) return;
    this.set({ phase: 'connecting', message: null, deviceMissing: false });
    const { cameraId, microphoneId } = useDefaults ? { cameraId: '', microphoneId: '' } : this.devices;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia(recordingConstraints(cameraId, microphoneId));
    } catch (error) {
      this.set({ phase: 'blocked', message: mediaErrorMessage(error), deviceMissing: isDeviceMissing(error) });
      return;
    }
    if (this.disposed) {
      stopStream(this.stream);
      return;
    }
    this.watchTracks(this.stream);
    this.set({ stream: this.stream });

    const mimeType = pickMimeType();
    if (!mimeType) {
      this.blockAfterStream('This system cannot record WebM video, so the interview cannot be recorded.');
      return;
    }
    const { width, height } = this.stream.getVideoTracks()[0]?.getSettings() ?? {};
    try {
      const recording = await unwrap(
        api.recording.start({ sessionId: this.sessionId, mimeType, width: width ?? null, height: height ?? null }),
      );
      this.recordingId = recording.id;
    } catch (error) {
      this.blockAfterStream(describeError(error, 'The recording could not start.'));
      return;
    }
    if (this.disposed) {
      void this.finish('cancelled', false);
      return;
    }
    this.startRecorder(this.stream, mimeType, this.recordingId);
  }

  private blockAfterStream(message: string): void {
    stopStream(this.stream);
    this.stream = null;
    this.set({ phase: 'blocked', message, stream: null });
  }

  private startRecorder(stream: MediaStream, mimeType: string, recordingId: string): void {
    this.queue = new ChunkQueue(
      async (seq, bytes) => unwrap(api.recording.appendChunk({ recordingId, seq, bytes })),
      () => void this.stopEarly(DISK_LOW_MESSAGE),
      (error) => {
        const message = describeError(error, 'Saving the recording failed.');
        if (this.ending) this.lateProblems.push(message);
        else void this.stopEarly(message);
      },
    );
    this.offDiskLow = api.recording.onDiskLow((payload) => {
      if (payload.recordingId === recordingId) void this.stopEarly(DISK_LOW_MESSAGE);
    });

    const recorder = new MediaRecorder(stream, { mimeType });
    this.recorder = recorder;
    recorder.addEventListener('dataavailable', (event) => this.queue?.push(event.data));
    recorder.addEventListener('error', (event) => {
      console.error('MediaRecorder error', event);
      void this.stopEarly('The recorder stopped unexpectedly. What was recorded has been saved.');
    });
    recorder.addEventListener(
      'start',
      () => {
        this.startedAt = performance.now();
        this.set({ recordingStartedAt: this.startedAt });
        void this.ask(0);
      },
      { once: true },
    );
    recorder.start(1000);
  }

  private watchTracks(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      track.addEventListener('ended', () => {
        const message =
          track.kind === 'video'
            ? 'The camera stopped sending video. Check its connection.'
            : 'The microphone stopped sending sound. Check its connection.';
        this.warn(message);
        this.logEvent(message, 'device', 'warning');
      });
    }
  }

  private mark(question: SessionQuestion, mark: QuestionMark, at = performance.now()): void {
    const offsetMs = this.offset(at);
    this.marks = this.marks.then(async () => {
      try {
        const saved = await unwrap(api.questions.mark({ sessionQuestionId: question.id, mark, offsetMs }));
        this.saved.set(saved.id, saved);
      } catch (error) {
        this.warn(describeError(error, 'A question event could not be saved.'));
      }
    });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Runs `then` when `ms` from `from` have passed (shown as a countdown); a move or a pause
   * cancels it. `then` gets the deadline itself: on a busy machine a timer fires late, but the
   * rule's moment on the recording is the deadline, so the marks stay exactly as long as the rules.
   */
  private countdown(ms: number, then: (deadline: number) => void, options: { from?: number; total?: number } = {}): void {
    this.clearTimer();
    const step = this.step;
    const deadline = (options.from ?? performance.now()) + ms;
    this.onCountdownEnd = then;
    this.set({ deadline, countdownMs: options.total ?? ms, remainingMs: null });
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (step === this.step && !this.ending) then(deadline);
      },
      Math.max(0, deadline - performance.now()),
    );
  }

  private current(): SessionQuestion | undefined {
    return this.questions[useRoomStore.getState().index];
  }

  /** Another take is allowed: any number in practice, the set's rule in an assessment. */
  private retakeAllowed(question: SessionQuestion): boolean {
    if (this.detail?.session.mode === 'practice') return true;
    return this.takes.length <= question.retakesAllowed;
  }

  private async ask(index: number): Promise<void> {
    const question = this.questions[index];
    const settings = this.detail?.session.avatarSettings;
    if (!question || !settings) return;
    const step = ++this.step;
    this.clearTimer();
    this.answering = null;
    this.takes = [];
    this.answerAudio.clear();
    this.set({ phase: 'asking', index, speaking: false, answerStartedAt: null, deadline: null, countdownMs: null, takes: [], canRetake: false });
    if (index > 0) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_QUESTIONS_MS));
      if (step !== this.step) return;
    }
    this.mark(question, 'asked');
    this.set({ speaking: true });
    this.speaking = speakAs(this.detail?.session.avatar ?? '', question.text, settings, {
      onBoundary: () => this.set((s) => ({ boundaries: s.boundaries + 1 })),
      onLevel: (level) => this.set((s) => (s.mouthLevel === level ? {} : { mouthLevel: level })),
      onFallback: (reason) => {
        console.warn('OpenAI voice unavailable:', reason);
        this.warn('The OpenAI voice is not available, so the system voice speaks instead.');
      },
    });
    await this.speaking.done;
    if (step !== this.step) return;
    this.speaking = null;
    this.set({ speaking: false });
    if (question.thinkTimeMs > 0) {
      // The countdown to the answer is itself a mark on the timeline.
      this.mark(question, 'thinkStarted');
      this.set({ phase: 'thinking' });
      this.countdown(question.thinkTimeMs, (deadline) => this.startAnswer(question, deadline));
    } else {
      this.startAnswer(question);
    }
  }

  /** Opens a take (the first answer, or a retake) at `startedAt`, performance.now() time. */
  private startAnswer(question: SessionQuestion, startedAt = performance.now()): void {
    this.clearTimer();
    this.answering = question;
    this.mark(question, 'answerStarted', startedAt);
    this.takes.push({ number: this.takes.length + 1, startedAt });
    if (this.followsUp(question) && this.stream) this.answerAudio.start(this.stream, this.takes.length);
    this.set({ phase: 'answering', answerStartedAt: startedAt, deadline: null, countdownMs: null, canRetake: this.retakeAllowed(question) });
    if (question.answerLimitMs !== null) {
      this.countdown(question.answerLimitMs, (deadline) => this.endAnswer(deadline), { from: startedAt });
    }
  }

  /** Closes the running take; after a retake the candidate picks the one that counts. */
  private endAnswer(endedAt = performance.now()): void {
    const question = this.answering;
    if (!question) return;
    this.clearTimer();
    this.mark(question, 'answerEnded', endedAt);
    this.answering = null;
    this.answerAudio.stop();
    const last = this.takes.at(-1);
    if (last) last.endedAt = endedAt;
    if (this.takes.length > 1) {
      this.step++;
      this.set({
        phase: 'choosing',
        deadline: null,
        countdownMs: null,
        takes: this.takes.map((t) => ({ number: t.number, durationMs: (t.endedAt ?? t.startedAt) - t.startedAt })),
        canRetake: this.retakeAllowed(question),
      });
    } else {
      this.afterAnswer(question, 1);
    }
  }

  /** Follow-ups are on and this is one of the session's own questions (a follow-up gets none). */
  private followsUp(question: SessionQuestion): boolean {
    return Boolean(this.detail?.session.followUps) && question.followUpOf === null;
  }

  /** The answer is done (take `take` counts): a follow-up may come before the next question. */
  private afterAnswer(question: SessionQuestion, take: number): void {
    if (this.followsUp(question)) void this.considerFollowUp(question, take);
    else this.advance();
  }

  /**
   * The interviewer thinks of a follow-up on the answer: its audio goes to main, which may place
   * one after it. Anything else (none needed, AI off or slow, an unusable reply) simply goes on
   * to the next question, with a quiet note when something went wrong. Space goes on at once.
   */
  private async considerFollowUp(question: SessionQuestion, take: number): Promise<void> {
    const step = ++this.step;
    this.set({ phase: 'considering', deadline: null, countdownMs: null, takes: [], canRetake: false, followUpNote: null });
    const audio = await this.answerAudio.take(take);
    // The answer's end must be saved before main is asked about it.
    await this.marks;
    if (step !== this.step) return;
    let followUp: SessionQuestion | null = null;
    let note: string | null;
    if (!audio) {
      note = 'No sound was recorded for this answer, so there is no follow-up.';
    } else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FOLLOW_UP_WAIT_MS)));
      try {
        const bytes = new Uint8Array(await audio.blob.arrayBuffer());
        const proposal = unwrap(api.followUps.propose({ sessionQuestionId: question.id, mimeType: audio.mimeType, audio: bytes }));
        const outcome = await Promise.race([proposal, timeout]);
        if (outcome) ({ question: followUp, note } = outcome);
        else note = 'The interviewer took too long to think of a follow-up.';
      } catch (error) {
        console.warn('No follow-up question', error);
        note = describeError(error, 'No follow-up this time.');
      } finally {
        clearTimeout(timer);
      }
    }
    if (step !== this.step || this.ending) return;
    if (note) this.set({ followUpNote: note });
    if (!followUp) {
      this.advance();
      return;
    }
    const index = useRoomStore.getState().index;
    this.questions.splice(index + 1, 0, followUp);
    this.detail = this.detail && { ...this.detail, questions: [...this.questions] };
    this.set({ detail: this.detail });
    void this.ask(index + 1);
  }

  /** Space or "Next question": starts the answer early during think time, ends it, or keeps the newest take. */
  next(): void {
    if (this.ending || useRoomStore.getState().paused) return;
    const { phase } = useRoomStore.getState();
    const question = this.current();
    if (phase === 'thinking' && question) this.startAnswer(question);
    else if (phase === 'answering') this.endAnswer();
    else if (phase === 'choosing') void this.chooseTake(this.takes.length);
    else if (phase === 'considering') this.goOnWithoutFollowUp();
  }

  /** The candidate does not wait for the interviewer's follow-up. */
  goOnWithoutFollowUp(): void {
    if (this.ending || useRoomStore.getState().phase !== 'considering') return;
    this.step++;
    this.advance();
  }

  /** Redo the answer: the running take ends and a new one starts; every take is kept. */
  retake(): void {
    const { phase, paused } = useRoomStore.getState();
    const question = this.current();
    if (this.ending || paused || !question || !this.retakeAllowed(question)) return;
    if (phase === 'answering' && this.answering) {
      this.mark(this.answering, 'answerEnded');
      const last = this.takes.at(-1);
      if (last) last.endedAt = performance.now();
      this.startAnswer(question);
    } else if (phase === 'choosing') {
      this.step++;
      this.startAnswer(question);
    }
  }

  /** The take that counts (by its number); the newest counts unless another is picked. */
  async chooseTake(number: number): Promise<void> {
    const question = this.current();
    if (this.ending || !question || useRoomStore.getState().phase !== 'choosing') return;
    const step = ++this.step;
    if (number !== this.takes.length) {
      await this.marks;
      const take = this.saved.get(question.id)?.takes.find((t) => t.takeNumber === number);
      try {
        if (!take) throw new Error(`Take ${number} of question ${question.id} was not saved.`);
        await unwrap(api.questions.chooseTake({ sessionQuestionId: question.id, takeId: take.id }));
      } catch (error) {
        this.warn(describeError(error, 'The take you chose could not be saved; the last take counts.'));
      }
      if (step !== this.step) return;
    }
    this.afterAnswer(question, number);
  }

  /** Practice only: holds the countdowns and the flow; the recording itself goes on. */
  togglePause(): void {
    const state = useRoomStore.getState();
    // Not while the question is read: the voice cannot be held mid-sentence everywhere.
    if (this.ending || this.detail?.session.mode !== 'practice' || !isLive(state.phase) || state.phase === 'asking' || state.phase === 'considering') return;
    if (!state.paused) {
      this.clearTimer();
      const remainingMs = state.deadline === null ? null : Math.max(0, state.deadline - performance.now());
      this.set({ paused: true, remainingMs, deadline: null });
      this.logEvent('Paused the interview.');
    } else {
      this.set({ paused: false });
      if (state.remainingMs !== null && this.onCountdownEnd) {
        this.countdown(state.remainingMs, this.onCountdownEnd, { total: state.countdownMs ?? state.remainingMs });
      }
      this.logEvent('Resumed the interview.');
    }
  }

  private logEvent(message: string, kind: 'log' | 'device' = 'log', level: 'info' | 'warning' = 'info'): void {
    const offsetMs = this.startedAt ? this.offset() : null;
    api.events
      .log({ sessionId: this.sessionId, kind, level, message, offsetMs })
      .then((result) => {
        if (!result.ok) console.error('events.log failed', result.error);
      })
      .catch((error: unknown) => console.error(error));
  }

  skip(): void {
    const state = useRoomStore.getState();
    const question = this.questions[state.index];
    if (this.ending || state.paused || !question || state.phase === 'choosing' || state.phase === 'considering' || !isLive(state.phase)) return;
    this.speaking?.cancel();
    this.clearTimer();
    if (this.answering) this.mark(this.answering, 'answerEnded');
    this.answering = null;
    this.answerAudio.clear();
    this.mark(question, 'skipped');
    this.advance();
  }

  private advance(): void {
    const nextIndex = useRoomStore.getState().index + 1;
    if (nextIndex < this.questions.length) void this.ask(nextIndex);
    else void this.finish('completed', true);
  }

  setEndDialog(open: boolean): void {
    const { phase } = useRoomStore.getState();
    if (open && !isLive(phase)) return;
    this.set({ endDialogOpen: open });
  }

  /** Before the recording runs there is nothing to save: the session is simply cancelled. */
  async cancelBeforeRecording(): Promise<void> {
    try {
      await unwrap(api.sessions.finish({ sessionId: this.sessionId, status: 'cancelled' }));
      navigate(routes.library());
    } catch (error) {
      this.set({ message: describeError(error, 'The interview could not be cancelled.') });
    }
  }

  /** Ends the interview: stops and saves the recording, then records the chosen status. */
  async finish(status: FinishStatus, openSession: boolean): Promise<void> {
    if (this.ending) return;
    const problems = await this.wrapUp();
    try {
      await unwrap(api.sessions.finish({ sessionId: this.sessionId, status }));
    } catch (error) {
      problems.push(describeError(error, 'The interview could not be closed.'));
    }
    if (problems.length > 0) this.set({ phase: 'failed', message: sentences(problems) });
    else if (openSession && !this.disposed) navigate(routes.session(this.sessionId));
  }

  /** The recording cannot go on (disk low, a failed call): save what exists and keep the session. */
  private async stopEarly(message: string): Promise<void> {
    if (this.ending) return;
    const problems = await this.wrapUp();
    try {
      await unwrap(api.sessions.finish({ sessionId: this.sessionId, status: 'completed' }));
    } catch (error) {
      problems.push(describeError(error, 'The interview could not be closed.'));
    }
    this.set({ phase: 'stopped', message: sentences([message, ...problems]) });
  }

  /** Stops the flow and the recorder, waits for the last chunk and the marks, closes the file. */
  private async wrapUp(): Promise<string[]> {
    this.ending = true;
    this.step++;
    this.clearTimer();
    this.speaking?.cancel();
    if (this.answering) this.mark(this.answering, 'answerEnded');
    this.answering = null;
    this.answerAudio.clear();
    this.set({ phase: 'saving', speaking: false, endDialogOpen: false });
    this.offDiskLow?.();

    await this.stopRecorder();
    stopStream(this.stream);
    this.set({ stream: null });
    await this.queue?.drained();
    await this.marks;
    const problems = this.lateProblems;
    if (this.recordingId) {
      try {
        await unwrap(api.recording.stop({ recordingId: this.recordingId }));
      } catch (error) {
        problems.push(describeError(error, 'The recording could not be closed.'));
      }
    }
    return problems;
  }

  private stopRecorder(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder || recorder.state === 'inactive') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, RECORDER_STOP_TIMEOUT_MS);
      // 'dataavailable' with the last chunk fires before 'stop', so the queue already holds it.
      recorder.addEventListener(
        'stop',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
      recorder.stop();
    });
  }

  /**
   * Leaving the room mid-interview ends it as cancelled, saving what was recorded; before the
   * recording started there is only the camera to release.
   */
  dispose(): void {
    const recording = this.recordingId !== null && !this.ending;
    // The store outlives the room: the next room must not start from this one's last state.
    useRoomStore.setState(initialRoomState);
    this.disposed = true;
    if (recording) void this.finish('cancelled', false);
    else if (!this.ending) {
      this.speaking?.cancel();
      stopStream(this.stream);
    }
  }
}
