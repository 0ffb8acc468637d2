import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedBundle } from '../testing/bundle';
import { call } from '../testing/call';
import { tempDir, testApp } from '../testing/fixtures';

// A file the OS opens (double-click) becomes an import source exactly like a picked one, or a
// sentence; main keeps the request until a page takes it and nudges the pages with an event.

describe('opening a file from the OS', () => {
  it('registers a real bundle as an import source that inspects and imports', async () => {
    const work = tempDir('ir-open-');
    const { file, sessionId } = await exportedBundle(work);
    const app = await testApp({ dataDir: join(work, 'target') });
    const events: unknown[] = [];
    app.hub.subscribe((name, payload) => name === 'share:onOpenRequested' && events.push(payload));

    const request = await app.openFile(file);
    expect(request).toMatchObject({ fileName: 'Ada.interview', error: null, sourceId: expect.any(String) });
    expect(events).toEqual([{ fileName: 'Ada.interview' }]);
    // Taken once: a second page (or a reload) does not offer it again.
    expect(await call(app, 'share:takeOpenRequests', undefined)).toEqual([request]);
    expect(await call(app, 'share:takeOpenRequests', undefined)).toEqual([]);

    const summary = await call(app, 'share:inspect', { sourceId: request.sourceId! });
    expect(summary.sessions.map((s) => [s.id, s.exists])).toEqual([[sessionId, false]]);
    const outcome = await call(app, 'share:import', { sourceId: request.sourceId!, operationId: crypto.randomUUID(), duplicates: 'skip' });
    expect(outcome).toEqual({ imported: [sessionId], skipped: [], replaced: [] });
    expect((await call(app, 'sessions:get', { sessionId })).session.id).toBe(sessionId);
    await app.close();
  });

  it('refuses kits, other files, missing files and folders with a sentence, and keeps them for the page', async () => {
    const work = tempDir('ir-open-');
    const app = await testApp({ dataDir: join(work, 'data') });
    writeFileSync(join(work, 'Backend.interviewkit'), 'kit');
    writeFileSync(join(work, 'notes.txt'), 'x');
    mkdirSync(join(work, 'folder.interview'));
    const events: unknown[] = [];
    app.hub.subscribe((name, payload) => name === 'share:onOpenRequested' && events.push(payload));

    const refused = [];
    for (const name of ['Backend.interviewkit', 'notes.txt', 'gone.interview', 'folder.interview']) refused.push(await app.openFile(join(work, name)));
    expect(refused.map((r) => [r.fileName, r.sourceId, r.error])).toEqual([
      ['Backend.interviewkit', null, 'Backend.interviewkit is an interview kit; this version cannot import kits yet, only .interview files.'],
      ['notes.txt', null, 'notes.txt is not an interview bundle; only .interview files can be imported.'],
      ['gone.interview', null, 'gone.interview could not be found; it may have been moved or deleted.'],
      ['folder.interview', null, 'folder.interview is not a file that can be imported.'],
    ]);
    expect(events).toHaveLength(4);
    expect(await call(app, 'share:takeOpenRequests', undefined)).toEqual(refused);
    await app.close();
  });
});
