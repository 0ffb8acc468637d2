import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';

// Deleting sessions and candidates through the IPC calls, on a real data folder: rows and files
// go, nothing is orphaned, a live or exported session is refused, and retention follows its
// setting.

const DAY = 24 * 3600 * 1000;

function inspect(dataDir: string) {
  const db = new BetterSqlite3(join(dataDir, 'interview-recorder.sqlite'), { readonly: true });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { db, count };
}

/** A session that ended (cancelled) with a recording and a few files in its folder. */
async function endedSession(app: Awaited<ReturnType<typeof testApp>>) {
  const { session } = await newSession(app);
  const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm', width: 320, height: 240 });
  await call(app, 'recording:appendChunk', { recordingId: recording.id, seq: 0, bytes: new Uint8Array(1000) });
  await call(app, 'events:log', { sessionId: session.id, kind: 'device', level: 'info', message: 'camera ok' });
  await call(app, 'sessions:finish', { sessionId: session.id, status: 'cancelled' });
  const folder = join(app.dataDir, 'recordings', session.id);
  writeFileSync(join(folder, `${recording.id}.jpg`), 'poster');
  return { session, folder };
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => (error as Error).message,
  );
}

describe('deleting', () => {
  it('a session: its rows everywhere, then its folder', async () => {
    const app = await testApp();
    const { session, folder } = await endedSession(app);
    const other = await endedSession(app);
    expect(existsSync(folder)).toBe(true);
    await call(app, 'sessions:delete', { sessionId: session.id });
    const { count, db } = inspect(app.dataDir);
    expect(db.prepare('SELECT id FROM sessions').pluck().all()).toEqual([other.session.id]);
    expect(db.prepare('SELECT count(*) FROM session_questions WHERE session_id = ?').pluck().get(session.id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM recordings WHERE session_id = ?').pluck().get(session.id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_docs WHERE session_id = ?').pluck().get(session.id)).toBe(0);
    expect(count('session_events')).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM session_events WHERE session_id = ?').pluck().get(session.id)).toBe(0);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(other.folder)).toBe(true);
    expect(await failure(call(app, 'sessions:delete', { sessionId: session.id }))).toMatch(/not_found/);
  });

  it('refuses a session being recorded, or one an export holds, until it is released', async () => {
    const app = await testApp();
    const { session } = await newSession(app);
    expect(await failure(call(app, 'sessions:delete', { sessionId: session.id }))).toMatch(/conflict: .*being recorded/);
    const ended = await endedSession(app);
    const release = app.sessionLocks.hold([ended.session.id]);
    expect(await failure(call(app, 'sessions:delete', { sessionId: ended.session.id }))).toMatch(/conflict: .*being exported/);
    release();
    release();
    await call(app, 'sessions:delete', { sessionId: ended.session.id });
    expect(existsSync(ended.folder)).toBe(false);
  });

  it('a candidate: with every session and folder, after confirming nothing is live', async () => {
    const app = await testApp();
    const a = await endedSession(app);
    const b = await endedSession(app);
    const keep = await call(app, 'candidates:create', { name: 'Keep me' });
    const candidateId = a.session.candidateId;
    expect(await call(app, 'candidates:delete', { candidateId })).toEqual({ sessions: 2 });
    const { count, db } = inspect(app.dataDir);
    expect(count('sessions')).toBe(0);
    expect(count('session_questions')).toBe(0);
    expect(count('recordings')).toBe(0);
    expect(db.prepare('SELECT id FROM candidates').pluck().all()).toEqual([keep.id]);
    expect(db.prepare('SELECT kind FROM search_docs').pluck().all()).toEqual(['candidate']);
    expect(existsSync(a.folder) || existsSync(b.folder)).toBe(false);
  });

  it('start-up removes folders whose session is gone (a crash after the delete committed)', async () => {
    const first = await testApp();
    const { folder } = await endedSession(first);
    const kept = await endedSession(first);
    const orphan = join(first.dataDir, 'recordings', '5b1f6a57-0000-4000-8000-000000000000');
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'x.webm'), 'left behind');
    const stranger = join(first.dataDir, 'recordings', 'not-a-session');
    mkdirSync(stranger);
    await first.close();
    const again = await testApp({ dataDir: first.dataDir });
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(folder)).toBe(true);
    // Not named like a session: not the app's to remove.
    expect(readdirSync(join(again.dataDir, 'recordings')).sort()).toEqual([kept.session.id, folder.split('/').at(-1), 'not-a-session'].sort());
  });
});

describe('retention', () => {
  it('off by default; once set, start-up deletes the sessions older than N days', async () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = { now: () => now };
    const first = await testApp({ clock });
    const old = await endedSession(first);
    const left = await newSession(first);
    now += 5 * DAY;
    const recent = await endedSession(first);
    now += 26 * DAY;
    expect((await call(first, 'settings:get', undefined)).retentionDays).toBeNull();
    await first.close();

    // Nothing goes while retention is off.
    const second = await testApp({ dataDir: first.dataDir, clock });
    expect(inspect(second.dataDir).count('sessions')).toBe(3);
    await call(second, 'settings:update', { retentionDays: 30 });
    await second.close();

    const third = await testApp({ dataDir: first.dataDir, clock });
    const { db } = inspect(third.dataDir);
    // The session left in progress was marked interrupted at start-up, so it is old like any other.
    expect(db.prepare('SELECT id FROM sessions').pluck().all()).toEqual([recent.session.id]);
    expect(db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(left.session.id)).toBe(0);
    expect(existsSync(old.folder)).toBe(false);
    expect(existsSync(recent.folder)).toBe(true);
  });

  it('skips sessions being recorded or exported; they go at a later run', async () => {
    let now = Date.UTC(2026, 0, 1);
    const app = await testApp({ clock: { now: () => now } });
    const live = await newSession(app);
    const exported = await endedSession(app);
    const plain = await endedSession(app);
    await call(app, 'settings:update', { retentionDays: 7 });
    now += 8 * DAY;
    const release = app.sessionLocks.hold([exported.session.id]);
    expect(await app.library.applyRetention(7)).toEqual([plain.session.id]);
    release();
    expect(await app.library.applyRetention(7)).toEqual([exported.session.id]);
    const { db } = inspect(app.dataDir);
    expect(db.prepare('SELECT id FROM sessions').pluck().all()).toEqual([live.session.id]);
    expect(await app.library.applyRetention(null)).toEqual([]);
  });
});
