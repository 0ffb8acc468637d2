import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { processingWhen, recordInterview } from '../testing/interview';
import { makeDataFolderPrivate } from './privateFolder';

// Nobody else on the laptop reads an interview: every folder the app makes is 0700 and every
// file 0600, from the moment it exists; an install from before is fixed at its next start.

/** Every entry under `dir` (links not followed) whose mode is not the private one, with its mode. */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  const visit = (path: string) => {
    const info = lstatSync(path);
    if (info.isSymbolicLink()) return;
    const mode = info.mode & 0o777;
    if (mode !== (info.isDirectory() ? 0o700 : 0o600)) wrong.push(`${path.slice(dir.length) || '/'} ${mode.toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return wrong;
}

const files = (dir: string): number => readdirSync(dir, { recursive: true }).length;

describe.skipIf(process.platform === 'win32')('a private data folder', () => {
  it('keeps every file of a recorded, processed, exported and imported session to its owner', async () => {
    // A permissive umask, as most desktops have: the app must not depend on the user's.
    process.umask(0o022);
    const work = tempDir('ir-private-');
    const source = await testApp({ dataDir: join(work, 'source'), runJobs: true });
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const { session } = await recordInterview(source, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    await processingWhen(source, session.id, (p) => p.media.length === 3);
    const bundle = join(work, 'out', 'Ada.interview');
    mkdirSync(join(work, 'out'));
    await source.share.exportSessions({ sessionIds: [session.id], out: bundle, video: 'mp4', includeReport: true });
    await source.close();

    const target = await testApp({ dataDir: join(work, 'target') });
    const opened = await target.openFile(bundle);
    await call(target, 'share:import', { sourceId: opened.sourceId!, operationId: crypto.randomUUID(), duplicates: 'skip' });
    expect((await call(target, 'sessions:get', { sessionId: session.id })).session.id).toBe(session.id);
    await target.close();

    // The database, the recording's folder, the WebM, poster, audio and MP4 at least.
    expect(files(join(work, 'source'))).toBeGreaterThanOrEqual(7);
    expect(notPrivate(join(work, 'source'))).toEqual([]);
    expect(notPrivate(join(work, 'target'))).toEqual([]);
    expect((lstatSync(bundle).mode & 0o777).toString(8)).toBe('600');
  });

  it('fixes an install from before once, at its next start, and leaves what links point to alone', async () => {
    process.umask(0o022);
    const work = tempDir('ir-private-');
    const dataDir = join(work, 'data');
    mkdirSync(join(dataDir, 'recordings', 's1'), { recursive: true });
    writeFileSync(join(dataDir, 'recordings', 's1', 'r1.webm'), 'video');
    writeFileSync(join(dataDir, 'notes.txt'), 'x');
    const outside = join(work, 'outside.txt');
    writeFileSync(outside, 'not ours');
    symlinkSync(outside, join(dataDir, 'link.txt'));
    for (const path of [dataDir, join(dataDir, 'recordings'), join(dataDir, 'recordings', 's1')]) chmodSync(path, 0o755);
    expect(notPrivate(dataDir)).toHaveLength(5);

    const app = await testApp({ dataDir });
    await app.close();
    expect(notPrivate(dataDir)).toEqual([]);
    expect(lstatSync(outside).mode & 0o777).toBe(0o644);
    // Private already: nothing to walk.
    expect(await makeDataFolderPrivate(dataDir)).toBe(0);
  });
});
