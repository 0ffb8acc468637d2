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
    expect(request).toMatchObject({ kind: 'bundle', fileName: 'Ada.interview', error: null, sourceId: expect.any(String) });
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

  it('opens kits as kit imports; refuses other files, missing files and folders with a sentence, and keeps them for the page', async () => {
    const work = tempDir('ir-open-');
    const app = await testApp({ dataDir: join(work, 'data') });
    writeFileSync(join(work, 'Backend.interviewkit'), 'kit');
    writeFileSync(join(work, 'notes.txt'), 'x');
    mkdirSync(join(work, 'folder.interview'));
    const events: unknown[] = [];
    app.hub.subscribe((name, payload) => name === 'share:onOpenRequested' && events.push(payload));

    const opened = [];
    for (const name of ['Backend.interviewkit', 'notes.txt', 'gone.interview', 'folder.interview', 'gone.interviewkit']) opened.push(await app.openFile(join(work, name)));
    expect(opened.map((r) => [r.kind, r.fileName, r.sourceId === null, r.error])).toEqual([
      ['kit', 'Backend.interviewkit', false, null],
      ['bundle', 'notes.txt', true, 'notes.txt is not an interview bundle or kit; only .interview and .interviewkit files can be opened.'],
      ['bundle', 'gone.interview', true, 'gone.interview could not be found; it may have been moved or deleted.'],
      ['bundle', 'folder.interview', true, 'folder.interview is not a file that can be imported.'],
      ['kit', 'gone.interviewkit', true, 'gone.interviewkit could not be found; it may have been moved or deleted.'],
    ]);
    // The kit is checked when the page previews it: this one is no kit at all.
    const preview = await app.dispatch('kits:inspect', { sourceId: opened[0]!.sourceId! });
    expect(preview).toMatchObject({ ok: false, error: { code: 'bundle/invalid', message: 'The file is not an interview kit: its contents are not valid JSON.' } });
    expect(events).toHaveLength(5);
    expect(await call(app, 'share:takeOpenRequests', undefined)).toEqual(opened);
    await app.close();
  });
});
