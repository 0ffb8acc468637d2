import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../share/bundleFormat';
import { call } from '../testing/call';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import { exportedKit, KIT_CANDIDATE, KIT_SET } from '../testing/kit';

// Interview kits end to end on two data folders: the hiring manager (A) exports a kit, the
// candidate (B) imports it and records under its rules, exports the bundle, and A imports it:
// the session is linked to the kit and to the candidate it was made for.

const upload = (app: Awaited<ReturnType<typeof testApp>>, file: string, fileName = 'kit.interviewkit') =>
  call(app, 'kits:upload', { fileName, bytes: new Uint8Array(readFileSync(file)) });

async function manifestOf(file: string): Promise<Manifest> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.readEntry();
      });
      if (!entry) throw new Error('no manifest');
      if (entry.fileName !== 'manifest.json') continue;
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString()) as Manifest;
    }
  } finally {
    zip.close();
  }
}

describe('interview kits', () => {
  it('round trip: kit from A, interview on B under its rules, bundle back to A under the kit and the invited candidate', async () => {
    const work = tempDir('ir-kit-');
    const a = await testApp({ dataDir: join(work, 'manager') });
    const kit = await exportedKit(a, a.dataDir);
    expect(kit.file.endsWith('.interviewkit')).toBe(true);
    const written = JSON.parse(readFileSync(kit.file, 'utf8')) as { format: string; formatVersion: string; kit: Record<string, unknown> };
    expect(written).toMatchObject({ format: 'interview-recorder-kit', formatVersion: '1.0', kit: { id: kit.kitId, mode: 'assessment', candidate: KIT_CANDIDATE } });
    expect((await call(a, 'kits:list', undefined)).map((k) => [k.id, k.origin, k.returns.length])).toEqual([[kit.kitId, 'exported', 0]]);

    const b = await testApp({ dataDir: join(work, 'candidate') });
    const source = await upload(b, kit.file);
    const preview = await call(b, 'kits:inspect', { sourceId: source.sourceId });
    expect(preview).toMatchObject({ id: kit.kitId, sender: 'Acme hiring team', jobTitle: 'Backend engineer', mode: 'assessment', questionCount: 2, alreadyImported: false });
    const { questionSet, created } = await call(b, 'kits:import', { sourceId: source.sourceId });
    expect(created).toBe(true);
    expect(questionSet.kit).toMatchObject({ id: kit.kitId, sender: 'Acme hiring team', mode: 'assessment', candidate: KIT_CANDIDATE });
    expect(questionSet.questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed])).toEqual(
      KIT_SET.questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed]),
    );
    // The invited candidate exists on B, found again by email.
    const invited = (await call(b, 'candidates:list', undefined)).find((c) => c.id === questionSet.kit!.candidateId);
    expect(invited).toMatchObject(KIT_CANDIDATE);

    // Twice: the same set, no copy, no second candidate.
    const again = await call(b, 'kits:import', { sourceId: (await upload(b, kit.file)).sourceId });
    expect(again).toMatchObject({ created: false, questionSet: { id: questionSet.id } });
    expect((await call(b, 'questionSets:list', undefined)).filter((s) => !s.builtIn)).toHaveLength(1);
    expect(await call(b, 'candidates:list', undefined)).toHaveLength(1);
    // Read-only: the kit's rules cannot be edited on the candidate's laptop.
    const edit = await b.dispatch('questionSets:update', {
      questionSetId: questionSet.id,
      set: { ...KIT_SET, questions: KIT_SET.questions.map((q) => ({ ...q, answerLimitMs: null })) },
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/came from an interview kit/) } });

    // B records as "me", in practice mode, with tailored questions: the kit's mode, role and questions win.
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const self = await call(b, 'candidates:ensureSelf', undefined);
    const recorded = await recordInterview(b, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }], {
      candidateId: self.id,
      questionSetId: questionSet.id,
      mode: 'practice',
      interviewType: 'behavioral',
      jobTitle: 'Anything',
      questions: [{ text: 'A question of my own', category: 'x', difficulty: 'easy', keywords: [] }],
    });
    expect(recorded.session).toMatchObject({ kitId: kit.kitId, mode: 'assessment', interviewType: 'technical', jobTitle: 'Backend engineer', company: 'Acme hiring team' });
    expect(recorded.questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed])).toEqual(
      KIT_SET.questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed]),
    );
    expect((await call(b, 'kits:list', undefined))[0]).toMatchObject({ origin: 'imported', returns: [{ sessionId: recorded.session.id, candidateName: self.name }] });

    const bundle = join(work, 'back.interview');
    await b.share.exportSessions({ sessionIds: [recorded.session.id], out: bundle, video: 'webm', includeReport: false });
    const manifest = await manifestOf(bundle);
    expect(manifest).toMatchObject({ formatVersion: '1.1', kits: [{ id: kit.kitId, name: 'Backend engineer at Acme', sessionIds: [recorded.session.id] }] });

    // A: the session lands under Ana (the kit's candidate), not under B's "me".
    const outcome = await a.share.importFile(bundle, { duplicates: 'refuse' });
    expect(outcome.imported).toEqual([recorded.session.id]);
    const imported = await call(a, 'sessions:get', { sessionId: recorded.session.id });
    expect(imported.session.kitId).toBe(kit.kitId);
    expect(imported.candidate.id).toBe(kit.candidateId);
    // The library shows which kit the interview came from.
    const library = await call(a, 'library:page', {});
    expect(library.rows.map((r) => [r.id, r.candidateName, r.kitName])).toEqual([[recorded.session.id, 'Ana Díaz', 'Backend engineer at Acme']]);
    const [returned] = await call(a, 'kits:list', undefined);
    expect(returned).toMatchObject({ id: kit.kitId, origin: 'exported', returns: [{ sessionId: recorded.session.id, candidateId: kit.candidateId, candidateName: 'Ana Díaz' }] });
    // The manager's own kit is not imported over itself.
    const own = await a.dispatch('kits:import', { sourceId: (await upload(a, kit.file)).sourceId });
    expect(own).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/kit you made on this computer/) } });
  });

  it('brings a deleted kit set back on the next import, and opens a double-clicked kit as a kit import', async () => {
    const work = tempDir('ir-kit-');
    const a = await testApp({ dataDir: join(work, 'manager') });
    const kit = await exportedKit(a, a.dataDir, { candidateId: null, mode: 'practice' });
    const b = await testApp({ dataDir: join(work, 'candidate') });
    const request = await b.openFile(kit.file);
    expect(request).toMatchObject({ kind: 'kit', error: null, sourceId: expect.any(String) });
    const first = await call(b, 'kits:import', { sourceId: request.sourceId! });
    expect(first.questionSet.kit).toMatchObject({ mode: 'practice', candidate: null, candidateId: null });
    await call(b, 'questionSets:delete', { questionSetId: first.questionSet.id });
    const second = await call(b, 'kits:import', { sourceId: (await upload(b, kit.file)).sourceId });
    expect(second.created).toBe(true);
    expect(second.questionSet.id).not.toBe(first.questionSet.id);
    expect((await call(b, 'kits:list', undefined)).map((k) => [k.id, k.questionSetId])).toEqual([[kit.kitId, second.questionSet.id]]);
  });
});

describe('hostile kits', () => {
  const valid = () => ({
    format: 'interview-recorder-kit',
    formatVersion: '1.0',
    appVersion: '1',
    createdAt: 1,
    kit: {
      id: crypto.randomUUID(),
      name: 'Kit',
      interviewType: 'technical',
      mode: 'assessment',
      jobTitle: 'Engineer',
      sender: 'Acme',
      instructions: '',
      candidate: null,
      questions: [{ text: 'Why?', category: 'c', difficulty: 'easy', keywords: [], thinkTimeMs: 0, answerLimitMs: null, retakesAllowed: 0 }],
    },
  });
  const edit = (change: (k: ReturnType<typeof valid>) => unknown) => {
    const k = valid();
    return JSON.stringify(change(k) ?? k);
  };
  const CASES: [string, () => string | Buffer, RegExp][] = [
    ['an empty file', () => '', /not valid JSON/],
    ['bad JSON', () => '{"format": "interview-recorder-kit",', /not valid JSON/],
    ['a zip renamed to .interviewkit', () => Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000binary'), /not valid JSON/],
    ['JSON that is not a kit', () => '[1, 2, 3]', /not an interview kit/],
    ['a bundle manifest', () => JSON.stringify({ format: 'interview-recorder-bundle', formatVersion: '1.0' }), /not an interview kit/],
    ['a newer major version', () => edit((k) => ({ ...k, formatVersion: '2.0' })), /newer version of the app \(format 2\.0\)/],
    ['no version', () => edit((k) => ({ ...k, formatVersion: undefined })), /no readable format version/],
    ['an old major version', () => edit((k) => ({ ...k, formatVersion: '0.9' })), /old format \(0\.9\)/],
    ['a negative think time', () => edit((k) => void (k.kit.questions[0]!.thinkTimeMs = -1)), /kit\.questions\.0\.thinkTimeMs/],
    ['no questions', () => edit((k) => void (k.kit.questions = [])), /has no questions/],
    ['too many questions', () => edit((k) => void (k.kit.questions = Array.from({ length: 101 }, () => k.kit.questions[0]!))), /kit\.questions/],
    ['a question far too long', () => edit((k) => void (k.kit.questions[0]!.text = 'x'.repeat(5000))), /kit\.questions\.0\.text/],
    ['an id that is no id', () => edit((k) => ({ ...k, kit: { ...k.kit, id: '../../etc' } })), /kit\.id/],
    ['an unknown mode', () => edit((k) => ({ ...k, kit: { ...k.kit, mode: 'anything' } })), /kit\.mode/],
    ['a bad candidate email', () => edit((k) => ({ ...k, kit: { ...k.kit, candidate: { name: 'X', email: 'not-an-email' } } })), /kit\.candidate\.email/],
  ];

  const counts = (dataDir: string) => {
    const db = new BetterSqlite3(join(dataDir, 'interview-recorder.sqlite'), { readonly: true });
    try {
      return ['question_sets', 'questions', 'kits', 'candidates'].map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    } finally {
      db.close();
    }
  };

  it.each(CASES)('refuses %s with a sentence and writes nothing', async (_name, build, reason) => {
    const work = tempDir('ir-kit-bad-');
    const app = await testApp({ dataDir: join(work, 'data') });
    const file = join(work, 'bad.interviewkit');
    writeFileSync(file, build());
    const before = counts(app.dataDir);
    const { sourceId } = await upload(app, file);
    for (const channel of ['kits:inspect', 'kits:import'] as const) {
      const result = await app.dispatch(channel, { sourceId });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(['bundle/invalid', 'bundle/too_new']).toContain(result.error.code);
        expect(result.error.message).toMatch(reason);
        expect(result.error.message).not.toMatch(/\n\s+at /);
      }
    }
    expect(counts(app.dataDir)).toEqual(before);
  });

  it('refuses an oversized kit before reading it, uploaded or double-clicked', async () => {
    const work = tempDir('ir-kit-big-');
    const app = await testApp({ dataDir: join(work, 'data') });
    const file = join(work, 'huge.interviewkit');
    writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 0x20));
    const before = counts(app.dataDir);
    const uploaded = await app.dispatch('kits:upload', { fileName: 'huge.interviewkit', bytes: new Uint8Array(readFileSync(file)) });
    expect(uploaded).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no interview kit is that big/) } });
    const opened = await app.openFile(file);
    const result = await app.dispatch('kits:import', { sourceId: opened.sourceId! });
    expect(result).toMatchObject({ ok: false, error: { code: 'bundle/invalid', message: 'huge.interviewkit is far larger than any interview kit (2048 KB); it was not opened.' } });
    expect(counts(app.dataDir)).toEqual(before);
  });
});
