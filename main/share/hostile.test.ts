import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import type { Manifest } from './bundleFormat';
import type { ImportLimits } from './importBundle';

// A fixture set of hostile bundles, each forged from a real export. Every one is refused with
// its reason; nothing is written outside the staging folder (which is gone afterwards), and the
// database is unchanged.

interface RawEntry {
  name: string;
  data: Buffer;
  /** 0 store, 8 deflate. */
  method?: 0 | 8;
  /** Unix mode in the high 16 bits, as zip tools write it. */
  mode?: number;
  flags?: number;
  /** What the headers claim, when it is a lie. */
  declaredSize?: number;
}

/** A zip written byte by byte, so that its headers can say anything (only for forging fixtures). */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function readAll(file: string): Promise<RawEntry[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: RawEntry[] = [];
  for (;;) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      zip.once('entry', resolve);
      zip.once('end', () => resolve(null));
      zip.once('error', reject);
      zip.readEntry();
    });
    if (!entry) break;
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks), method: entry.compressionMethod === 0 ? 0 : 8 });
  }
  zip.close();
  return out;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Re-lists every file in a manifest, so a forged bundle passes the checksum check. */
function withManifest(entries: RawEntry[], change: (m: Manifest) => Manifest = (m) => m): RawEntry[] {
  const files = entries.filter((e) => e.name !== 'manifest.json');
  const old = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString()) as Manifest;
  const manifest = change({ ...old, files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha(f.data) })) });
  return [...files, { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() || d.isSymbolicLink())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .filter((f) => !f.startsWith('interview-recorder.sqlite'))
    .sort();
}

function dbDump(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
  } finally {
    db.close();
  }
}

let base: RawEntry[] = [];
let sid = '';
let made: Promise<void> | null = null;

/** The real export every fixture is forged from; made in the first test (its folders go when that test ends). */
function ensureBase(): Promise<void> {
  made ??= (async () => {
    const work = tempDir('ir-hostile-');
    const app = await testApp({ dataDir: join(work, 'source') });
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const { session } = await recordInterview(app, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    sid = session.id;
    const out = join(work, 'base.interview');
    await app.share.exportSessions({ sessionIds: [sid], out, video: 'webm', includeReport: false });
    base = await readAll(out);
  })();
  return made;
}

type Case = [name: string, build: () => Buffer, reason: RegExp, limits?: Partial<ImportLimits>];
const json = (e: RawEntry) => JSON.parse(e.data.toString()) as Record<string, unknown>;
const replaceEntry = (entries: RawEntry[], name: string, data: Buffer) => entries.map((e) => (e.name === name ? { ...e, data } : e));
const sessionJson = () => `sessions/${sid}/session.json`;
const recordingName = () => `sessions/${sid}/recording.webm`;
const docOf = () => json(base.find((e) => e.name === sessionJson())!);

const CASES: Case[] = [
  ['a parent-folder path', () => rawZip([...base, { name: 'sessions/../../evil.txt', data: Buffer.from('x') }]), /unsafe name/],
  ['an absolute path', () => rawZip([...base, { name: '/tmp/evil.txt', data: Buffer.from('x') }]), /unsafe name/],
  ['a drive path', () => rawZip([...base, { name: 'C:/evil.txt', data: Buffer.from('x') }]), /unsafe name/],
  ['a backslash', () => rawZip([...base, { name: 'sessions\\evil.txt', data: Buffer.from('x') }]), /unsafe name/],
  ['an unexpected file', () => rawZip(withManifest([...base, { name: 'evil.sh', data: Buffer.from('x') }])), /does not expect \(evil\.sh\)/],
  ['a symlink', () => rawZip([...base.filter((e) => e.name !== recordingName()), { name: recordingName(), data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), /link/],
  ['a duplicate name', () => rawZip([...base, base.find((e) => e.name === sessionJson())!]), /twice/],
  ['a size that lies', () => rawZip(base.map((e) => (e.name === sessionJson() ? { ...e, declaredSize: 100 } : e))), /not the size it claims/],
  [
    'a zip bomb (ratio)',
    () => rawZip(withManifest(replaceEntry(base, recordingName(), Buffer.alloc(40 * 1024 * 1024)).map((e) => (e.name === recordingName() ? { ...e, method: 8 as const } : e)))),
    /zip bomb/,
  ],
  ['too many entries', () => rawZip([...base, ...Array.from({ length: 30 }, (_, i) => ({ name: `sessions/${sid}/x${i}.txt`, data: Buffer.from('x') }))]), /has \d+ files/, { maxEntries: 20 }],
  ['too many inflated bytes', () => rawZip(base), /expands to more data/, { maxTotalBytes: 1000 }],
  ['an encrypted entry', () => rawZip(base.map((e) => (e.name === sessionJson() ? { ...e, flags: 0x801 } : e))), /encrypted/],
  ['bad JSON in the manifest', () => rawZip([...base.filter((e) => e.name !== 'manifest.json'), { name: 'manifest.json', data: Buffer.from('{"formatVersion": "1.0",') }]), /manifest is not valid JSON/],
  ['bad JSON in session.json', () => rawZip(withManifest(replaceEntry(base, sessionJson(), Buffer.from('{oops')))), /not valid JSON/],
  ['a bad checksum', () => rawZip(replaceEntry(base, recordingName(), Buffer.from(base.find((e) => e.name === recordingName())!.data).fill(7, 100, 200))), /does not match its checksum/],
  ['a truncated archive', () => rawZip(base).subarray(0, 3000), /truncated or damaged/],
  ['not a zip at all', () => Buffer.from('hello, I am not a bundle'), /truncated or damaged/],
  ['a newer major format', () => rawZip(withManifest(base, (m) => ({ ...m, formatVersion: '2.0' }))), /newer version of the app \(format 2\.0\)/],
  ['no manifest', () => rawZip(base.filter((e) => e.name !== 'manifest.json')), /no manifest/],
  ['a file the manifest does not list', () => rawZip([...base, { name: `sessions/${sid}/transcript.vtt`, data: Buffer.from('WEBVTT\n') }]), /does not list/],
  [
    'rows of another session',
    () => {
      const doc = docOf();
      const questions = (doc.questions as Record<string, unknown>[]).map((q, i) => (i === 0 ? { ...q, session_id: '00000000-0000-4000-8000-000000000000' } : q));
      return rawZip(withManifest(replaceEntry(base, sessionJson(), Buffer.from(JSON.stringify({ ...doc, questions })))));
    },
    /inconsistent \(questions\)/,
  ],
  [
    'a column of the wrong kind',
    () => rawZip(withManifest(replaceEntry(base, sessionJson(), Buffer.from(JSON.stringify({ ...docOf(), session: { ...(docOf().session as object), job_title: { evil: true } } }))))),
    /wrong kind in "job_title"/,
  ],
];

describe('hostile bundles', () => {
  it.each(CASES)('refuses %s, leaving nothing behind', async (_name, build, reason, limits) => {
    await ensureBase();
    const dataDir = join(tempDir('ir-hostile-target-'), 'data');
    const app = await testApp({ dataDir });
    await call(app, 'candidates:ensureSelf', undefined);
    const file = join(tempDir('ir-hostile-file-'), 'hostile.interview');
    writeFileSync(file, build());
    const filesBefore = listFiles(dataDir);
    const dbBefore = dbDump(join(dataDir, 'interview-recorder.sqlite'));
    const outside = listFiles(join(file, '..'));

    const error = await app.share.importFile(file, { duplicates: 'replace', limits }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'AppError', code: expect.stringMatching(/^bundle\/(invalid|too_new)$/) });
    expect((error as Error).message).toMatch(reason);
    expect(listFiles(dataDir)).toEqual(filesBefore);
    const staging = join(dataDir, 'tmp');
    expect(existsSync(staging) ? readdirSync(staging, { recursive: true }) : []).toEqual([]);
    expect(dbDump(join(dataDir, 'interview-recorder.sqlite'))).toBe(dbBefore);
    expect(listFiles(join(file, '..'))).toEqual(outside);
  }, 60_000);

  it('imports the untouched base bundle (the fixtures are refused for their flaw alone)', async () => {
    await ensureBase();
    const app = await testApp();
    const file = join(tempDir(), 'base.interview');
    writeFileSync(file, rawZip(base));
    expect(await app.share.importFile(file, { duplicates: 'refuse' })).toEqual({ imported: [sid], skipped: [], replaced: [] });
  });
});
