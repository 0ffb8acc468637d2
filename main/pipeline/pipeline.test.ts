import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Processing } from '../../shared/domain/types';
import { call } from '../testing/call';
import { startFakeOpenAI, makeSpokenAudio, type FakeOpenAI } from '../testing/fakeOpenAI';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { ffprobeStreamsAndChapters, mp4TopLevelBoxes } from '../testing/media';
import { processingWhen, recordInterview } from '../testing/interview';
import { scoreReplyFor } from '../testing/scoreReply';

// The whole pipeline on a real recording with known speech: real ffmpeg for every media step,
// the real openai client against the loopback server for transcription and scoring.

const ANSWER_1 = ['um', 'I', 'led', 'the', 'database', 'migration'];
const ANSWER_2 = ['we', 'shipped', 'it', 'before', 'the', 'deadline'];
const PHRASE_GAP_MS = 2600;

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  expect(fake?.problems ?? []).toEqual([]);
  fake = null;
});

const statusOf = (p: Processing, kind: string) => p.jobs.find((j) => j.kind === kind)?.status;

describe('pipeline', () => {
  it('turns a recording into poster, audio, voice metrics, chaptered MP4, transcript and scores; AI waits for settings', async () => {
    const dir = tempDir();
    const speech = await makeSpokenAudio(dir, [ANSWER_1, ANSWER_2], { leadMs: 1500, phraseGapMs: PHRASE_GAP_MS });
    const source = join(dir, 'live.webm');
    makeLiveWebm(source, Math.ceil(speech.durationMs / 1000) + 1, '320x240', speech.file);
    const words = speech.words;
    const phrase1End = words[ANSWER_1.length - 1]!.endMs;
    const phrase2Start = words[ANSWER_1.length]!.startMs;
    const marks = [
      { asked: 200, start: 1000, end: phrase1End + 800 },
      { asked: phrase1End + 900, start: phrase1End + 1200, end: words[words.length - 1]!.endMs + 800 },
    ];

    const app = await testApp({ runJobs: true, jobs: { recheckWaitingMs: 200 } });
    const { session, questions, marked, recording } = await recordInterview(app, readFileSync(source), marks);

    // No key for api.openai.com: the media steps finish, AI waits, visibly, for settings.
    const waiting = await processingWhen(app, session.id, (p) =>
      ['thumbnail', 'extract_audio', 'voice_metrics', 'transcode_mp4'].every((k) => statusOf(p, k) === 'succeeded') && statusOf(p, 'transcribe') === 'waiting',
    );
    expect(waiting.jobs.find((j) => j.kind === 'transcribe')).toMatchObject({ waitReason: 'ai_settings', attempts: 0 });
    expect(waiting.stages).toEqual({ recording: 'done', processing: 'done', analysis: 'waiting' });

    fake = await startFakeOpenAI();
    fake.setTranscript({ kind: 'spoken', referenceAudio: speech.file, words });
    fake.setChatReply(
      scoreReplyFor(
        'behavioral',
        questions.map((q, i) => ({ questionId: q.id, quote: ['led the database', 'shipped it before'][i] ?? null })),
      ),
    );
    // In one call: a loopback endpoint alone would be enough to start (local servers need no key).
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-pipeline' });
    const done = await processingWhen(app, session.id, (p) => p.jobs.length === 6 && p.jobs.every((j) => j.status === 'succeeded'));
    expect(done.stages).toEqual({ recording: 'done', processing: 'done', analysis: 'done' });
    expect(done.jobs.every((j) => j.attempts === 1)).toBe(true);

    // Files: each result row points at a file that is there, with nothing half-written beside it.
    const byKind = Object.fromEntries(done.media.map((m) => [m.kind, m]));
    expect(Object.keys(byKind).sort()).toEqual(['audio', 'mp4', 'thumbnail']);
    for (const m of done.media) expect(statSync(join(app.dataDir, m.path)).size).toBe(m.bytes);
    expect(readFileSync(join(app.dataDir, byKind.thumbnail!.path)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    // The MP4: faststart, a chapter per asked question, audio and video the same length.
    const mp4 = join(app.dataDir, byKind.mp4!.path);
    const boxes = mp4TopLevelBoxes(mp4);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    const probe = ffprobeStreamsAndChapters(mp4);
    expect(probe.chapters.map((c) => c.tags?.title)).toEqual(marked.map((q) => `Question ${q.position + 1}: ${q.text}`));
    const [video, audio] = ['video', 'audio'].map((type) => Number(probe.streams.find((s) => s.codec_type === type)!.duration));
    // (ffmpeg also writes the chapters as a QuickTime text track, a "bin_data" stream.)
    expect(probe.streams.filter((s) => s.codec_type !== 'data').map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(Math.abs(video! - audio!)).toBeLessThan(0.1);
    expect(Math.abs(video! * 1000 - recording.durationMs!)).toBeLessThan(100);

    // Voice metrics: the pause between the answers, and talk time close to the words' own.
    const whole = done.voice.find((v) => v.sessionQuestionId === null)!;
    const gap = whole.pauses.find((p) => Math.abs(p.startMs - phrase1End) < 400);
    expect(gap).toBeDefined();
    expect(gap!.endMs - gap!.startMs).toBeGreaterThan(PHRASE_GAP_MS - 400);
    const spokenMs = words.reduce((sum, w) => sum + (w.endMs - w.startMs), 0);
    expect(whole.talkMs).toBeGreaterThan(spokenMs * 0.8);
    expect(whole.talkMs).toBeLessThan(speech.durationMs - 2 * PHRASE_GAP_MS);
    expect(whole.integratedLufs).toBeLessThan(0);

    // The transcript is on the recording's timeline, and its words feed the delivery metrics.
    const heard = done.transcript!.segments.flatMap((s) => s.words);
    expect(heard.map((w) => w.word.toLowerCase())).toEqual(words.map((w) => w.word.toLowerCase()));
    for (const [i, w] of heard.entries()) expect(Math.abs(w.startMs - words[i]!.startMs)).toBeLessThan(200);
    const first = done.voice.find((v) => v.sessionQuestionId === questions[0]!.id)!;
    expect(first).toMatchObject({ answerWords: ANSWER_1.length, fillerCount: 1 });
    expect(first.responseLatencyMs).toBeGreaterThan(words[0]!.startMs - marks[0]!.start - 200);
    expect(first.responseLatencyMs).toBeLessThan(words[0]!.startMs - marks[0]!.start + 200);
    const second = done.voice.find((v) => v.sessionQuestionId === questions[1]!.id)!;
    expect(second.responseLatencyMs).toBeGreaterThan(phrase2Start - marks[1]!.start - 200);
    expect(second.wordsPerMinute).toBeGreaterThan(60);

    // Scores: stored as validated, quotes placed on the words the candidate said.
    const evaluation = done.evaluation!;
    expect(evaluation).toMatchObject({ overall: 7, suggestedDecision: 'passed', model: 'gpt-4o-mini' });
    const q1 = evaluation.questions.find((q) => q.sessionQuestionId === questions[0]!.id)!;
    expect(q1.quotes[0]).toMatchObject({ startMs: heard[2]!.startMs, endMs: heard[4]!.endMs });
    const uploads = fake.requests.filter((r) => r.endpoint === 'transcriptions');
    expect(uploads.length).toBeGreaterThan(0);
    for (const r of uploads) expect({ model: r.model, authorization: r.authorization }).toEqual({ model: 'whisper-1', authorization: 'Bearer sk-test-pipeline' });

    // A corrected transcript is what the next scoring reads.
    const segment = done.transcript!.segments[0]!;
    await call(app, 'transcripts:editSegment', { segmentId: segment.id, text: 'I led the database migration myself' });
    const chats = fake.requests.filter((r) => r.endpoint === 'chat').length;
    await call(app, 'processing:rescore', { sessionId: session.id });
    await processingWhen(app, session.id, () => fake!.requests.filter((r) => r.endpoint === 'chat').length > chats);
    await processingWhen(app, session.id, (p) => statusOf(p, 'score') === 'succeeded');
    const prompt = fake.requests.filter((r) => r.endpoint === 'chat').at(-1)!.chat!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('migration myself');
  }, 150_000);

  it('keeps only the MP4 when asked, deleting the WebM once the recording points at the MP4', async () => {
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 3);
    const app = await testApp({ runJobs: true });
    await call(app, 'settings:update', { keepMedia: 'mp4', ai: { enabled: false } });
    const { session, recording } = await recordInterview(app, readFileSync(source), [{ asked: 100, start: 500, end: 2500 }]);
    const webm = join(app.dataDir, recording.path);

    // With AI off, transcription waits for it to be turned on.
    const done = await processingWhen(app, session.id, (p) => p.jobs.length === 5 && p.jobs.every((j) => j.status === (j.kind === 'transcribe' ? 'waiting' : 'succeeded')));
    expect(done.jobs.map((j) => j.kind).sort()).toEqual(['extract_audio', 'thumbnail', 'transcode_mp4', 'transcribe', 'voice_metrics']);
    expect(done.stages.analysis).toBe('off');
    const { recording: now } = await call(app, 'sessions:get', { sessionId: session.id });
    expect(now).toMatchObject({ path: done.media.find((m) => m.kind === 'mp4')!.path, mimeType: 'video/mp4', codecs: 'h264,aac' });
    await vi.waitFor(() => expect(existsSync(webm)).toBe(false));
    expect(existsSync(join(app.dataDir, now!.path))).toBe(true);
  }, 120_000);

  it('waits for the network when the AI server cannot be reached, and goes on once it can', async () => {
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 2);
    fake = await startFakeOpenAI();
    const gone = await startFakeOpenAI();
    await gone.close();
    const app = await testApp({ runJobs: true });
    await call(app, 'settings:update', { keepMedia: 'original', ai: { baseUrl: gone.baseUrl } });
    const { session, questions } = await recordInterview(app, readFileSync(source), [{ asked: 100, start: 300, end: 1800 }]);
    // (Scoring follows; this test is about getting past the outage, so any fitting reply will do.)
    fake.setChatReply(scoreReplyFor('behavioral', questions.map((q) => ({ questionId: q.id, quote: null }))));

    const offline = await processingWhen(app, session.id, (p) => statusOf(p, 'transcribe') === 'waiting');
    expect(offline.jobs.find((j) => j.kind === 'transcribe')).toMatchObject({ waitReason: 'network', attempts: 0 });
    expect(offline.stages.analysis).toBe('waiting');

    // New settings wake it at once, well before the periodic network check (30 s).
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl } });
    await processingWhen(app, session.id, (p) => statusOf(p, 'transcribe') === 'succeeded', 10_000);
    expect(fake.requests.filter((r) => r.endpoint === 'transcriptions')).not.toHaveLength(0);
  }, 60_000);

  it('fails at once on a refused key and runs again with a new one; a bad score reply is retried, never stored', async () => {
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 3);
    fake = await startFakeOpenAI();
    const said = [
      { word: 'I', start: 0.6, end: 0.8 },
      { word: 'fixed', start: 0.8, end: 1.2 },
      { word: 'the', start: 1.2, end: 1.3 },
      { word: 'build', start: 1.3, end: 1.7 },
    ];
    fake.setTranscript({
      kind: 'reply',
      body: { text: 'I fixed the build', language: 'english', duration: 3, words: said, segments: [{ id: 0, start: 0.6, end: 1.7, text: 'I fixed the build' }] },
    });
    fake.enqueueFault({ kind: 'status', status: 401 }, 'transcriptions');
    fake.enqueueFault({ kind: 'scores_out_of_range' }, 'chat');
    const app = await testApp({ runJobs: true, jobs: { baseBackoffMs: 20, maxBackoffMs: 50 } });
    await call(app, 'settings:update', { keepMedia: 'original', ai: { baseUrl: fake.baseUrl } });
    const { session, questions } = await recordInterview(app, readFileSync(source), [{ asked: 100, start: 300, end: 2800 }]);
    fake.setChatReply(scoreReplyFor('behavioral', questions.map((q, i) => ({ questionId: q.id, quote: i === 0 ? 'fixed the build' : null }))));

    const refused = await processingWhen(app, session.id, (p) => statusOf(p, 'transcribe') === 'failed');
    const transcribe = refused.jobs.find((j) => j.kind === 'transcribe')!;
    expect(transcribe).toMatchObject({ attempts: 1, error: 'The AI service refused the API key. Check the key in Settings.' });
    expect(refused.stages.analysis).toBe('failed');

    // A new key is the answer to a refused one: saving it runs the failed step again.
    await call(app, 'settings:update', { apiKey: 'sk-test-new' });
    const done = await processingWhen(app, session.id, (p) => statusOf(p, 'score') === 'succeeded');
    expect(done.jobs.find((j) => j.kind === 'score')!.attempts).toBe(2);
    expect(fake.requests.filter((r) => r.endpoint === 'transcriptions').map((r) => r.authorization)).toEqual(['Bearer local-no-key', 'Bearer sk-test-new']);
    expect(fake.requests.filter((r) => r.endpoint === 'chat').map((r) => r.fault)).toEqual(['scores_out_of_range', null]);
    expect(done.evaluation).toMatchObject({ overall: 7, dimensions: { communication: 7.5 } });
    expect(done.evaluation!.questions.every((q) => q.score >= 0 && q.score <= 10)).toBe(true);
  }, 60_000);

  it('at start-up clears the scratch files and half-written outputs a crash left', async () => {
    const dataDir = tempDir();
    const scratch = join(dataDir, 'tmp', 'ir-transcribe-x', 'piece-0.ogg');
    const partial = join(dataDir, 'recordings', 's1', 'r1.mp4.partial');
    const kept = join(dataDir, 'recordings', 's1', 'r1.webm');
    for (const file of [scratch, partial, kept]) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'x');
    }
    await testApp({ dataDir });
    expect([existsSync(scratch), existsSync(partial), existsSync(kept)]).toEqual([false, false, true]);
  });
});
