import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { tempDir } from '../testing/fixtures';
import { KIT_CANDIDATE } from '../testing/kit';
import { plainApp } from '../testing/plainApp';
import { EXIT, run } from './index';

// `interview-recorder kit export|import|list` as a script uses it: --json on stdout, one
// sentence on stderr, and the documented exit codes.

async function cli(dataDir: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['--data-dir', dataDir, ...args], { out: (t) => (stdout += t), err: (t) => (stderr += t) }, new AbortController().signal);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}

describe('the kit commands', () => {
  it('exports a set as a kit for a candidate, imports it once on another data folder, and lists it', async () => {
    const work = tempDir('ir-cli-kit-');
    const manager = join(work, 'manager');
    const seed = await plainApp(manager);
    const ana = await call(seed, 'candidates:create', KIT_CANDIDATE);
    await seed.close();

    const file = join(work, 'support.interviewkit');
    const exported = await cli(manager, 'kit', 'export', 'behavioral', '--out', file, '--name', 'Support at Acme', '--role', 'Support engineer', '--from', 'Acme', '--candidate', KIT_CANDIDATE.email.toUpperCase(), '--json');
    expect(exported.code, exported.stderr).toBe(EXIT.ok);
    const { kitId } = exported.json();
    expect(exported.json()).toEqual({ out: file, kitId: expect.any(String), questionSetId: 'behavioral' });
    const kit = JSON.parse(readFileSync(file, 'utf8')) as { kit: Record<string, unknown> };
    expect(kit.kit).toMatchObject({ id: kitId, jobTitle: 'Support engineer', sender: 'Acme', mode: 'assessment', interviewType: 'behavioral', candidate: KIT_CANDIDATE });
    const listed = await cli(manager, 'kit', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: kitId, origin: 'exported', candidate: KIT_CANDIDATE, returns: [] }]);

    const candidate = join(work, 'candidate');
    const imported = await cli(candidate, 'kit', 'import', file, '--json');
    expect(imported.code, imported.stderr).toBe(EXIT.ok);
    expect(imported.json()).toEqual({ kitId, questionSetId: expect.any(String), created: true });
    const again = await cli(candidate, 'kit', 'import', file);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toBe(`Already imported: “Support at Acme” as question set ${String(imported.json().questionSetId)}.\n`);
    // Made here: importing it back is refused as a conflict.
    expect((await cli(manager, 'kit', 'import', file)).code).toBe(EXIT.conflict);
    expect(ana.email).toBe(KIT_CANDIDATE.email);
  });

  it('answers bad kits, missing sets and bad command lines with their exit codes', async () => {
    const work = tempDir('ir-cli-kit-');
    const data = join(work, 'data');
    const garbage = join(work, 'garbage.interviewkit');
    writeFileSync(garbage, '{"format": "interview-recorder-kit", "formatVersion": "3.1"}');
    const bad = await cli(data, 'kit', 'import', garbage);
    expect(bad).toMatchObject({ code: EXIT.badBundle, stderr: 'This kit was made by a newer version of the app (format 3.1); update the app to import it.\n' });
    expect((await cli(data, 'kit', 'import', join(work, 'nope.interviewkit'))).code).toBe(EXIT.notFound);
    expect((await cli(data, 'kit', 'export', 'no-such-set', '--out', join(work, 'x.interviewkit'))).code).toBe(EXIT.notFound);
    expect((await cli(data, 'kit', 'export', 'behavioral', '--out', join(work, 'x.interviewkit'), '--candidate', 'who@example.com')).code).toBe(EXIT.notFound);
    const mode = await cli(data, 'kit', 'export', 'behavioral', '--out', join(work, 'x.interviewkit'), '--mode', 'exam');
    expect(mode.code).toBe(EXIT.usage);
    expect(mode.stderr).toMatch(/^--mode: /);
    expect((await cli(data, 'kit', 'export', 'behavioral')).code).toBe(EXIT.usage);
    expect((await cli(data, 'kit', 'frobnicate')).code).toBe(EXIT.usage);
    expect(existsSync(join(work, 'x.interviewkit'))).toBe(false);
  });
});
