import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { ffprobeJson, makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import type { Manifest, SessionDoc } from './bundleFormat';
import { toSrt, toVtt } from './captions';
import { csvCell, libraryCsv } from './csv';
import { Timeline } from './redact';

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(f).replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Numbers are numbers, even negative ones.
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('lists every session with its candidate, AI overall and decision', async () => {
    const app = await testApp();
    const candidate = await call(app, 'candidates:create', { name: '=cmd|"/c calc"!A1', email: 'x@example.com' });
    await call(app, 'sessions:create', {
      candidateId: candidate.id,
      interviewType: 'technical',
      mode: 'assessment',
      jobTitle: 'Dev, "senior"',
      questionSetId: 'technical',
      avatar: 'ava',
      avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false },
      environment: { userAgent: null, camera: null, microphone: null, resolution: null },
    });
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const db = new BetterSqlite3(join(app.dataDir, 'interview-recorder.sqlite'), { readonly: true });
    try {
      const lines = libraryCsv(db).split('\r\n');
      expect(lines[0]).toBe('\uFEFFCandidate,Email,Interview type,Job title,Company,Date,Duration (s),Status,AI overall,Decision');
      expect(lines[1]).toMatch(/^"'=cmd\|""\/c calc""!A1",x@example\.com,technical,"Dev, ""senior""",,\d{4}-\d\d-\d\dT[^,]+,,in_progress,,$/);
      expect(lines[2]).toBe('');
    } finally {
      db.close();
    }
  });
});

describe('captions', () => {
  it('writes WebVTT and SubRip with cue text that cannot break the format', () => {
    const cues = [
      { startMs: 0, endMs: 1500, text: 'Hello' },
      { startMs: 3_723_004, endMs: 3_724_000, text: 'a --> b\n\nc' },
      { startMs: 5, endMs: 6, text: '   ' },
    ];
    expect(toVtt(cues)).toBe('WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nHello\n\n2\n01:02:03.004 --> 01:02:04.000\na -> b\nc\n');
    expect(toSrt(cues)).toBe('1\r\n00:00:00,000 --> 00:00:01,500\r\nHello\r\n\r\n2\r\n01:02:03,004 --> 01:02:04,000\r\na -> b\r\nc\r\n');
  });
});

describe('redaction', () => {
  it('maps offsets onto the shorter timeline and drops moments that were cut', () => {
    const t = new Timeline(10_000, [{ from: 0, to: 1000 }, { from: 4000, to: 6000 }, { from: 9000, to: 10_000 }]);
    expect(t.kept).toEqual([{ from: 1000, to: 4000 }, { from: 6000, to: 9000 }]);
    expect(t.durationMs).toBe(6000);
    expect([500, 1000, 2500, 4000, 5000, 6000, 7000, 9500].map((ms) => t.map(ms))).toEqual([null, 0, 1500, 3000, null, 3000, 4000, null]);
    expect(t.map(null)).toBeNull();
  });

  it('exports a trimmed recording without a dropped answer, with offsets shifted to match', async () => {
    const dir = tempDir();
    const app = await testApp();
    const live = join(dir, 'live.webm');
    makeLiveWebm(live, 8);
    const marks = [
      { asked: 1000, start: 1500, end: 3000 },
      { asked: 3200, start: 3500, end: 5500 },
      { asked: 5600, start: 6000, end: 7000 },
    ];
    const { session, marked, recording } = await recordInterview(app, readFileSync(live), marks);
    const out = join(dir, 'redacted.interview');
    const result = await app.share.exportSessions({
      sessionIds: [session.id],
      out,
      video: 'webm',
      includeReport: true,
      redactions: { [session.id]: { trimStartMs: 1000, trimEndMs: 7500, dropQuestionIds: [marked[1]!.id] } },
    });
    expect(result.redactions[session.id]).toEqual([
      { kind: 'trim', startMs: 1000, endMs: 7500, removedMs: 1000 + (recording.durationMs! - 7500) },
      { kind: 'answer', sessionQuestionId: marked[1]!.id, position: 1, question: marked[1]!.text, fromMs: 3500, toMs: 5500 },
    ]);
    const unzip = (name: string) => execFileSync('unzip', ['-p', out, name], { maxBuffer: 256 * 1024 ** 2 });
    const manifest = JSON.parse(unzip('manifest.json').toString()) as Manifest;
    expect(manifest.redactions?.[session.id]).toEqual(result.redactions[session.id]);
    const doc = JSON.parse(unzip(`sessions/${session.id}/session.json`).toString()) as SessionDoc;
    const byId = new Map(doc.questions.map((q) => [q.id, q]));
    // Kept: 1000–3500 and 5500–7500, so 4.5 s; question 3 moves back by 1 s + 2 s.
    expect(byId.get(marked[0]!.id)).toMatchObject({ asked_offset_ms: 0, answer_started_offset_ms: 500, answer_ended_offset_ms: 2000 });
    expect(byId.get(marked[1]!.id)).toMatchObject({ asked_offset_ms: 2200, answer_started_offset_ms: null, answer_ended_offset_ms: null });
    expect(byId.get(marked[2]!.id)).toMatchObject({ asked_offset_ms: 2600, answer_started_offset_ms: 3000, answer_ended_offset_ms: 4000 });
    expect(doc.recording).toMatchObject({ duration_ms: 4500, path: 'recording.webm' });
    expect(doc.media.some((m) => m.kind === 'thumbnail')).toBe(false);
    // The video is as long as what was kept (a frame or so either way).
    const video = join(dir, 'cut.webm');
    writeFileSync(video, unzip(`sessions/${session.id}/recording.webm`));
    const seconds = Number(ffprobeJson(video).format.duration);
    expect(Math.abs(seconds * 1000 - 4500)).toBeLessThan(150);
    // The report says what was removed.
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(unzip(`sessions/${session.id}/report.pdf`))), { mergePages: true });
    expect(text).toContain('Removed before export');
    expect(text).toContain('Answer removed before export.');
  }, 180_000);
});
