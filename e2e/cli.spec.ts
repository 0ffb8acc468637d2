import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { recordInterview } from '../main/testing/interview';
import { plainApp } from '../main/testing/plainApp';
import { makeLiveWebm } from '../main/testing/media';

// The built command line (`npm run build` → out/main/cli.js, run through the package's bin) as a
// script would use it: its output with --json, and the exit codes the README documents.

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'interview-recorder.cjs');

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as unknown };
}

test('list, show, export, import, csv, stats and process through the built CLI', async () => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'ir-cli-'));
  try {
    const source = join(work, 'source');
    const app = await plainApp(source);
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 3);
    const { session } = await recordInterview(app, readFileSync(live), [{ asked: 100, start: 400, end: 2000 }]);
    await app.close();

    const list = cli(source, 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(list.json()).toMatchObject([{ id: session.id, status: 'completed', type: 'behavioral', candidate: 'Me' }]);
    expect(cli(source, 'list').stdout).toContain(session.id);
    expect(cli(source, 'show', session.id, '--json').json()).toMatchObject({ session: { id: session.id }, questions: expect.any(Array) });

    const bundle = join(work, 'out.interview');
    const exported = cli(source, 'export', session.id, '--out', bundle, '--video', 'webm', '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(bundle)).toBe(true);

    const target = join(work, 'target');
    const imported = cli(target, 'import', bundle, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toEqual({ imported: [session.id], skipped: [], replaced: [] });
    const again = cli(target, 'import', bundle);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('already been imported');
    expect(cli(target, 'import', bundle, '--skip', '--json').json()).toEqual({ imported: [], skipped: [session.id], replaced: [] });
    expect(cli(target, 'import', bundle, '--replace', '--json').json()).toEqual({ imported: [], skipped: [], replaced: [session.id] });
    expect(cli(target, 'stats', '--json').json()).toMatchObject({ candidates: 1, sessions: { completed: 1 }, recordings: { count: 1 } });
    const csv = cli(target, 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('\uFEFFCandidate,Email,Interview type,Job title,Company,Date,Duration (s),Status,AI overall,Decision');
    expect(csv.stdout).toContain('Me,,behavioral,Engineer');

    // Failures a script can tell apart.
    const garbage = join(work, 'garbage.interview');
    writeFileSync(garbage, 'not a zip');
    const bad = cli(target, 'import', garbage);
    expect(bad.code).toBe(5);
    expect(bad.stderr.trim()).toBe('The file is not a complete .interview bundle: it is truncated or damaged.');
    expect(cli(target, 'show', '00000000-0000-4000-8000-000000000000').code).toBe(3);
    expect(cli(target, 'frobnicate').code).toBe(2);
    expect(cli(target, 'export', session.id).code).toBe(2);

    // process: the media steps run; the AI ones wait for settings, so the run is incomplete (7).
    const processed = cli(source, 'process', session.id, '--json');
    expect(processed.code, processed.stderr).toBe(7);
    const jobs = processed.json() as { kind: string; status: string; waitReason: string | null }[];
    for (const kind of ['thumbnail', 'extract_audio', 'voice_metrics', 'transcode_mp4']) expect(jobs.find((j) => j.kind === kind)?.status).toBe('succeeded');
    expect(jobs.find((j) => j.kind === 'transcribe')).toMatchObject({ status: 'waiting', waitReason: 'ai_settings' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
