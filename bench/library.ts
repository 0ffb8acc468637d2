import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { openDatabase } from '../main/db/connection';
import { startDevServer } from '../main/devweb/server';
import { LibraryRepository, type PageRequest } from '../main/library/libraryRepository';
import { createLogger } from '../main/log';
import { seededId, seedLibrary } from '../main/testing/librarySeed';

// `npm run bench -- library`: the library's queries on 100,000 generated sessions with
// 1,000,000 transcript segments (p50/p95 of repeated runs), then the real renderer in Chromium
// against that data folder: time until the first rows are painted, and after a jump to the
// middle of the list. Figures are printed, never asserted.

const ROOT = resolve(__dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timed(label: string, runs: number, fn: () => unknown): void {
  fn(); // warm the statement cache and the pages it reads
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(52)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms`);
}

/**
 * What the library's indexes and triggers cost the writers: a transcript written (both
 * full-text indexes with their prefix indexes), a rescoring and a decision (the totals the
 * triggers keep), each in its own transaction; the transcript is removed again after each run.
 */
function benchLibraryWrites(db: BetterSqlite3.Database, runs: number): void {
  // A scored session somewhere in the middle, and its recording.
  const { sessionId, recordingId } = db
    .prepare("SELECT e.session_id AS sessionId, r.id AS recordingId FROM evaluations e JOIN recordings r ON r.session_id = e.session_id WHERE e.source = 'ai' LIMIT 1 OFFSET 500")
    .get() as { sessionId: string; recordingId: string };
  const words = 'we rolled the deployment back after the latency alert and then migrated the queue'.split(' ');
  const segments = Array.from({ length: 200 }, (_, i) => `${words.slice(i % 7).join(' ')} ${i}`);
  const insertTranscript = db.prepare("INSERT INTO transcripts (recording_id, model, created_at) VALUES (?, 'bench', 0)");
  const insertSegment = db.prepare('INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
  db.prepare('DELETE FROM transcripts WHERE recording_id = ?').run(recordingId);
  console.log('\nLibrary writes on the same data (each in one transaction):');
  let t = 0;
  timed('transcript of 200 segments written', runs, () => {
    db.transaction(() => {
      const transcriptId = insertTranscript.run(recordingId).lastInsertRowid;
      segments.forEach((text, i) => insertSegment.run(transcriptId, i, i * 5000, i * 5000 + 4000, text));
    })();
    db.prepare('DELETE FROM transcripts WHERE recording_id = ?').run(recordingId);
  });
  const rescore = db.prepare("UPDATE evaluations SET overall = ? WHERE session_id = ? AND source = 'ai'");
  timed('AI score replaced', runs, () => db.transaction(() => rescore.run(3 + (t++ % 7), sessionId))());
  const decide = db.prepare(
    `INSERT INTO reviews (session_id, decision, decided_at, created_at, updated_at) VALUES (?, ?, ?, 0, 0)
     ON CONFLICT (session_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
  );
  timed('decision changed', runs, () => db.transaction(() => decide.run(sessionId, t++ % 2 ? 'passed' : 'failed', t))());
}

export async function benchLibrary(options: { quick: boolean; screenshotsDir?: string }): Promise<void> {
  const sessions = options.quick ? 10_000 : 100_000;
  const segmentsPerSession = 10;
  const dataDir = mkdtempSync(join(tmpdir(), 'ir-bench-library-'));
  try {
    const database = openDatabase({
      file: join(dataDir, 'interview-recorder.sqlite'),
      migrationsDir: join(ROOT, 'migrations'),
      backupDir: join(dataDir, 'backups'),
      now: Date.now,
    });
    const t0 = performance.now();
    seedLibrary(database.raw, {
      sessions,
      candidates: sessions / 100,
      segmentsPerSession,
      questionsPerSession: 3,
      now: Date.now(),
      spacingMs: 15 * 60_000,
      bulk: true,
    });
    const seedS = (performance.now() - t0) / 1000;
    database.raw.exec('ANALYZE');
    console.log(
      `\nLibrary: ${sessions.toLocaleString()} sessions, ${(sessions * segmentsPerSession).toLocaleString()} transcript segments, ` +
        `${(sessions * 3).toLocaleString()} questions (generated in ${seedS.toFixed(1)} s, one transaction, full-text indexes rebuilt at the end):`,
    );
    const repo = new LibraryRepository(database.raw);
    const page = (r: Partial<PageRequest>) => repo.page({ sort: 'date', dir: 'desc', offset: 0, limit: 100, ...r });
    const runs = 30;
    timed('first page (newest 100, with total)', runs, () => page({}));
    timed('page 500 of 1,000 (offset 50,000)', runs, () => page({ offset: sessions / 2 }));
    timed('filtered: completed technical, page 1', runs, () => page({ status: 'completed', interviewType: 'technical' }));
    timed('filtered: one candidate', runs, () => page({ candidateId: seededId(1, 7) }));
    timed('filtered: decision passed, score 7-10', runs, () => page({ decision: 'passed', scoreMin: 7 }));
    timed('sorted by score, best first', runs, () => page({ sort: 'score' }));
    timed('sorted by score, lowest first, offset 50,000', runs, () => page({ sort: 'score', dir: 'asc', offset: sessions / 2 }));
    timed('sorted by decision, offset 50,000', runs, () => page({ sort: 'decision', dir: 'asc', offset: sessions / 2 }));
    timed('sorted by duration, shortest first, offset 50,000', runs, () => page({ sort: 'duration', dir: 'asc', offset: sessions / 2 }));
    timed('sorted by status A-Z, offset 50,000', runs, () => page({ sort: 'status', dir: 'asc', offset: sessions / 2 }));
    timed('sorted by job title A-Z, offset 50,000', runs, () => page({ sort: 'jobTitle', dir: 'asc', offset: sessions / 2 }));
    timed('sorted by candidate name', 10, () => page({ sort: 'candidate', dir: 'asc' }));
    timed('sorted by candidate name, offset 50,000', 10, () => page({ sort: 'candidate', dir: 'asc', offset: sessions / 2 }));
    timed('search "kubernetes migration" (top 50)', runs, () => repo.search('kubernetes migration', 50));
    timed('search "rollb" (prefix, top 50)', runs, () => repo.search('rollb', 50));
    timed('search "Candidate 42" (names)', runs, () => repo.search('Candidate 42', 50));
    // What typing sends on its way to a word: one letter, two, three, a second word begun.
    for (const typed of ['k', 'ka', 'rol', 'kubernetes m', 'engineer']) timed(`search "${typed}" (as typed, top 50)`, runs, () => repo.search(typed, 50));
    timed('dashboard: one candidate (4 queries)', runs, () => repo.candidateDashboard(seededId(1, 3), 0));
    timed('dashboard: hiring manager (3 queries)', runs, () => repo.managerDashboard());
    timed('candidates overview stats', runs, () => repo.candidateStats());
    benchLibraryWrites(database.raw, runs);
    await database.close();

    const server = await startDevServer({
      dataDir,
      port: 0,
      rendererDir: join(ROOT, 'out', 'renderer'),
      migrationsDir: join(ROOT, 'migrations'),
      resourcesDir: join(ROOT, 'resources'),
      appVersion: 'bench',
      log: createLogger('bench', () => undefined),
      runJobs: false,
    });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const firstPaint: number[] = [];
      const contentful: number[] = [];
      const jump: number[] = [];
      for (let i = 0; i < (options.quick ? 2 : 5); i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const tab = await context.newPage();
        await tab.goto(server.url);
        await tab.getByTestId('session-row').first().waitFor();
        // From navigation start to the first real row in the DOM, measured by the page itself.
        firstPaint.push(await tab.evaluate(() => performance.now()));
        contentful.push(await tab.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
        if (i === 0 && options.screenshotsDir) await tab.screenshot({ path: join(options.screenshotsDir, 'library-100k.png') });
        const scroller = tab.getByTestId('library-scroll');
        const t0 = Date.now();
        await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
        await tab.locator(`[aria-rowindex="${sessions / 2 + 1}"] [data-testid="session-row"]`).waitFor();
        jump.push(Date.now() - t0);
        if (i === 0 && options.screenshotsDir) await tab.screenshot({ path: join(options.screenshotsDir, 'library-100k-middle.png') });
        await context.close();
      }
      firstPaint.sort((a, b) => a - b);
      contentful.sort((a, b) => a - b);
      jump.sort((a, b) => a - b);
      console.log(`\nLibrary in Chromium with ${sessions.toLocaleString()} sessions (built renderer, WebSocket bridge, 1280x800):`);
      console.log(`  first rows painted after navigation             p50 ${percentile(firstPaint, 50).toFixed(0).padStart(7)} ms   max ${firstPaint.at(-1)!.toFixed(0)} ms`);
      console.log(`  (first contentful paint of the page: the shell)  p50 ${percentile(contentful, 50).toFixed(0).padStart(7)} ms`);
      console.log(`  jump to the middle, rows ${(sessions / 2).toLocaleString()}+ shown          p50 ${percentile(jump, 50).toFixed(0).padStart(7)} ms   max ${jump.at(-1)!.toFixed(0)} ms`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
