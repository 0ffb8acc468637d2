import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { ffprobeJson, makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import { processedInterview } from '../testing/processedInterview';
import { FORMAT_VERSION, type Manifest } from './bundleFormat';

// Record → process → review → export → import into a fresh data folder: the same rows, the same
// bytes. And the bundle works with other tools: unzip -t, ffprobe, Chromium's <track>, pdftoppm.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A session's rows in every table, without the rowids a database assigns itself. */
function rowsOf(dbFile: string, sessionId: string) {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  const strip = (rows: unknown[], ...drop: string[]) =>
    (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  try {
    const recordings = 'SELECT id FROM recordings WHERE session_id = ?';
    return {
      candidate: strip(db.prepare('SELECT * FROM candidates WHERE id = (SELECT candidate_id FROM sessions WHERE id = ?)').all(sessionId), 'is_self'),
      session: db.prepare('SELECT * FROM sessions WHERE id = ?').all(sessionId),
      questions: db.prepare('SELECT * FROM session_questions WHERE session_id = ? ORDER BY position').all(sessionId),
      recordings: db.prepare('SELECT * FROM recordings WHERE session_id = ?').all(sessionId),
      thumbnail: strip(db.prepare(`SELECT * FROM media_files WHERE kind = 'thumbnail' AND recording_id IN (${recordings})`).all(sessionId), 'id'),
      voice: strip(db.prepare(`SELECT * FROM voice_metrics WHERE recording_id IN (${recordings}) ORDER BY coalesce(session_question_id, '')`).all(sessionId), 'id'),
      transcripts: strip(db.prepare(`SELECT * FROM transcripts WHERE recording_id IN (${recordings})`).all(sessionId), 'id'),
      segments: strip(
        db.prepare(`SELECT s.* FROM transcript_segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.recording_id IN (${recordings}) ORDER BY position`).all(sessionId),
        'id', 'transcript_id',
      ),
      evaluations: strip(db.prepare('SELECT * FROM evaluations WHERE session_id = ? ORDER BY created_at').all(sessionId), 'id'),
      questionEvaluations: strip(
        db.prepare('SELECT q.* FROM question_evaluations q JOIN evaluations e ON e.id = q.evaluation_id WHERE e.session_id = ? ORDER BY q.session_question_id').all(sessionId),
        'id', 'evaluation_id',
      ),
      review: db.prepare('SELECT * FROM reviews WHERE session_id = ?').all(sessionId),
      ratings: db.prepare('SELECT * FROM question_ratings WHERE session_id = ? ORDER BY session_question_id').all(sessionId),
      comments: db.prepare('SELECT * FROM review_comments WHERE session_id = ? ORDER BY id').all(sessionId),
      events: strip(db.prepare('SELECT * FROM session_events WHERE session_id = ? ORDER BY at, id').all(sessionId), 'id'),
    };
  } finally {
    db.close();
  }
}

async function entries(file: string): Promise<Map<string, yauzl.Entry>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => (out.set(e.fileName, e), zip.readEntry()));
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

const unzipEntry = (file: string, name: string) => execFileSync('unzip', ['-p', file, name], { maxBuffer: 1024 ** 3 });

describe('bundle round trip', () => {
  it('exports a processed, reviewed session and imports the same rows and bytes into a fresh data folder', async () => {
    const dir = tempDir();
    const app = await testApp({ runJobs: true, jobs: { recheckWaitingMs: 200 } });
    const { session, recording, processing } = await processedInterview(app, dir);
    const sid = session.id;
    const out = join(dir, 'one.interview');
    const progress: { doneBytes: number; totalBytes: number }[] = [];
    await app.share.exportSessions({ sessionIds: [sid], out, video: 'webm', includeReport: true, onProgress: (p) => progress.push(p) });

    // Progress climbs to the total; nothing but the bundle is left beside it.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.doneBytes).toBe(progress.at(-1)!.totalBytes);
    expect(progress.every((p, i) => i === 0 || p.doneBytes >= progress[i - 1]!.doneBytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);

    // Interop: unzip agrees it is whole; media stored, not recompressed; the manifest's hashes hold.
    expect(execFileSync('unzip', ['-t', out]).toString()).toContain('No errors detected');
    const listed = await entries(out);
    const base = `sessions/${sid}/`;
    expect([...listed.keys()].sort()).toEqual(
      ['manifest.json', ...['report.pdf', 'recording.webm', 'session.json', 'thumbnail.jpg', 'transcript.srt', 'transcript.vtt'].map((f) => base + f)].sort(),
    );
    expect(listed.get(`${base}recording.webm`)!.compressionMethod).toBe(0);
    const manifest = JSON.parse(unzipEntry(out, 'manifest.json').toString()) as Manifest;
    expect(manifest).toMatchObject({ formatVersion: FORMAT_VERSION, appVersion: '0.0.0-test', sessionIds: [sid] });
    for (const f of manifest.files) expect(createHash('sha256').update(unzipEntry(out, f.name)).digest('hex')).toBe(f.sha256);

    // Import into a fresh data folder: the same rows (ids, timestamps, scores), the same bytes.
    const fresh = await testApp();
    expect(await fresh.share.inspect(out)).toMatchObject({ formatVersion: FORMAT_VERSION, sessions: [{ id: sid, exists: false }] });
    expect(await fresh.share.importFile(out, { duplicates: 'refuse' })).toEqual({ imported: [sid], skipped: [], replaced: [] });
    const dbOf = (a: { dataDir: string }) => join(a.dataDir, 'interview-recorder.sqlite');
    const before = rowsOf(dbOf(app), sid);
    const after = rowsOf(dbOf(fresh), sid);
    expect(after).toEqual(before);
    expect(before.questionEvaluations.length).toBe(processing.evaluation!.questions.length);
    expect(before.comments).toHaveLength(3);
    expect(before.segments.length).toBeGreaterThan(0);
    expect(sha(join(fresh.dataDir, recording.path))).toBe(sha(join(app.dataDir, recording.path)));
    const thumb = processing.media.find((m) => m.kind === 'thumbnail')!;
    expect(sha(join(fresh.dataDir, thumb.path))).toBe(sha(join(app.dataDir, thumb.path)));
    // The imported session reads through the app's own calls, and staging is gone.
    const detail = await fresh.dispatch('sessions:get', { sessionId: sid });
    expect(detail.ok).toBe(true);
    expect(readdirSync(join(fresh.dataDir, 'tmp'))).toEqual([]);

    // Twice: refused, skipped, or replaced, never duplicated.
    await expect(fresh.share.importFile(out, { duplicates: 'refuse' })).rejects.toMatchObject({ code: 'bundle/exists' });
    expect(await fresh.share.importFile(out, { duplicates: 'skip' })).toEqual({ imported: [], skipped: [sid], replaced: [] });
    expect(await fresh.share.importFile(out, { duplicates: 'replace' })).toEqual({ imported: [], skipped: [], replaced: [sid] });
    expect(rowsOf(dbOf(fresh), sid)).toEqual(before);
    expect(readdirSync(join(fresh.dataDir, 'recordings')).sort()).toEqual([sid]);

    // The VTT loads its cues in Chromium's <track>.
    const vtt = unzipEntry(out, `${base}transcript.vtt`).toString();
    const cues = await trackCues(vtt);
    expect(cues.length).toBe(before.segments.length);
    expect(cues[0]!.text).toBe(String(before.segments[0]!.edited_text ?? before.segments[0]!.text).trim());

    // The PDF renders with pdftoppm and says who, what was decided, and the scores.
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, unzipEntry(out, `${base}report.pdf`));
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
    const pagePng = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pagePng).toBeDefined();
    // For a look at the page: SCREENSHOT_DIR=/tmp/shots npx vitest run main/share/roundTrip.test.ts
    if (process.env.SCREENSHOT_DIR) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, join(process.env.SCREENSHOT_DIR, 'report')]);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf))), { mergePages: true });
    for (const expected of ['Interview report', 'Engineer', 'Communication', 'Passed', 'Clear, "concrete" answers', 'led the database']) expect(text).toContain(expected);

    // The MP4 choice ships the transcoded file, which ffprobe reads as H.264 + AAC.
    const mp4Out = join(dir, 'mp4.interview');
    await app.share.exportSessions({ sessionIds: [sid], out: mp4Out, video: 'mp4', includeReport: false });
    const mp4 = join(dir, 'recording.mp4');
    writeFileSync(mp4, unzipEntry(mp4Out, `${base}recording.mp4`));
    expect(sha(mp4)).toBe(sha(join(app.dataDir, processing.media.find((m) => m.kind === 'mp4')!.path)));
    expect(ffprobeJson(mp4).streams.filter((s) => s.codec_type !== 'data').map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect((await entries(mp4Out)).has(`${base}report.pdf`)).toBe(false);
  }, 240_000);

  it('cancelling an export leaves no file behind', async () => {
    const dir = tempDir();
    const app = await testApp();
    const source = join(dir, 'live.webm');
    makeLiveWebm(source, 6, '640x480');
    const { session } = await recordInterview(app, readFileSync(source), [{ asked: 100, start: 500, end: 5000 }]);
    const controller = new AbortController();
    const out = join(dir, 'cancelled.interview');
    const run = app.share.exportSessions({
      sessionIds: [session.id],
      out,
      video: 'webm',
      includeReport: true,
      signal: controller.signal,
      // Half-way through the recording's bytes.
      onProgress: (p) => p.doneBytes > p.totalBytes / 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part') || f.includes('.interview'))).toEqual([]);
  }, 60_000);
});

async function trackCues(vtt: string): Promise<{ startTime: number; text: string }[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<video></video>');
    // A string, as this file is type-checked without the DOM's types.
    return (await page.evaluate(`(async () => {
      const video = document.querySelector('video');
      const track = document.createElement('track');
      track.kind = 'captions';
      track.default = true;
      track.src = URL.createObjectURL(new Blob([${JSON.stringify(vtt)}], { type: 'text/vtt' }));
      video.append(track);
      track.track.mode = 'hidden';
      await new Promise((resolve, reject) => {
        track.addEventListener('load', resolve);
        track.addEventListener('error', () => reject(new Error('the track did not load')));
      });
      return [...track.track.cues].map((c) => ({ startTime: c.startTime, text: c.text }));
    })()`)) as { startTime: number; text: string }[];
  } finally {
    await browser.close();
  }
}
