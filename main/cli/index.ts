import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from '../../shared/domain/format';
import { AppError, type ErrorCode } from '../../shared/ipc/result';
import { createApp, type App } from '../app/createApp';
import { createLogger } from '../log';
import { KIT_EXTENSION } from '../../shared/domain/kits';
import { calls } from '../../shared/ipc/contract';
import { writeKitFile } from '../kits/handlers';
import { readKitFile } from '../kits/kitFormat';
import { BUNDLE_EXTENSION } from '../share/bundleFormat';

// `interview-recorder`: the app's own services (createApp) on the app's data folder, for
// scripts. Output is for people unless --json; errors go to stderr as one sentence, and the
// exit code says what happened (EXIT below, documented in the README).

export const EXIT = {
  ok: 0,
  /** Something unexpected; details on stderr. */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** No such session or file. */
  notFound: 3,
  /** Import: a session is already here (use --skip or --replace); or the session is busy. */
  conflict: 4,
  /** The bundle is damaged, hostile or from a newer app. */
  badBundle: 5,
  /** Stopped by Ctrl-C; nothing half-written is left. */
  cancelled: 6,
  /** process: a step failed or still waits (for AI settings, the network, ffmpeg). */
  incomplete: 7,
} as const;

const USAGE = `Usage: interview-recorder [--data-dir DIR] [--json] <command>

Commands:
  list                              the interviews, newest first
  show <id>                         one interview (--json: its full session.json)
  export <id...> --out FILE         write an ${BUNDLE_EXTENSION} bundle [--video mp4|webm] [--no-report]
  import FILE [--skip|--replace]    import a bundle; without a flag, one already here is an error
  csv [--out FILE]                  the library as CSV (stdout without --out)
  process <id>                      run pending background steps until none is due
  stats                             counts of interviews, recordings and steps
  kit export <set-id> --out FILE    write a question set as an ${KIT_EXTENSION} kit [--name TEXT]
                                    [--role TEXT] [--from TEXT] [--instructions TEXT]
                                    [--mode assessment|practice] [--candidate ID|EMAIL]
  kit import FILE                   import a kit as a read-only question set (again: the same set)
  kit list                          kits made or received here, with the interviews returned

Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 already imported or busy,
5 damaged or newer bundle or kit, 6 cancelled, 7 processing incomplete.`;

const CODE_EXIT: Partial<Record<ErrorCode, number>> = {
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  'bundle/exists': EXIT.conflict,
  'bundle/invalid': EXIT.badBundle,
  'bundle/too_new': EXIT.badBundle,
  cancelled: EXIT.cancelled,
  'ipc/invalid_input': EXIT.usage,
};

class UsageError extends Error {}

/** The Electron app's userData folder for this platform (app.getPath('userData') without Electron). */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.INTERVIEW_RECORDER_DATA_DIR) return env.INTERVIEW_RECORDER_DATA_DIR;
  const name = 'Interview Recorder';
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

const root = resolve(__dirname, '../..');

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function run(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        video: { type: 'string', default: 'mp4' },
        'no-report': { type: 'boolean', default: false },
        skip: { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        verbose: { type: 'boolean', default: false },
        name: { type: 'string' },
        role: { type: 'string' },
        from: { type: 'string' },
        instructions: { type: 'string' },
        mode: { type: 'string' },
        candidate: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const json = values.json;
  const print = (human: string, data: unknown) => io.out(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);

  let app: App | null = null;
  try {
    const need = (n: number, what: string) => {
      if (args.length < n) throw new UsageError(`${command} needs ${what}.`);
    };
    if (!['list', 'show', 'export', 'import', 'csv', 'process', 'stats', 'kit'].includes(command)) throw new UsageError(`Unknown command "${command}".`);
    if (command === 'kit' && !['export', 'import', 'list'].includes(args[0] ?? '')) throw new UsageError('kit needs export, import or list.');
    if (command === 'kit' && args[0] === 'export' && (args.length !== 2 || !values.out)) throw new UsageError('kit export needs a question set id and --out FILE.');
    if (command === 'kit' && args[0] === 'import' && args.length !== 2) throw new UsageError('kit import needs a kit file.');
    if (command === 'export' && (args.length === 0 || !values.out)) throw new UsageError('export needs one or more session ids and --out FILE.');
    if (command === 'export' && values.video !== 'mp4' && values.video !== 'webm') throw new UsageError('--video is mp4 or webm.');
    if (command === 'import') need(1, 'a bundle file');
    if (command === 'show' || command === 'process') need(1, 'a session id');
    if (values.skip && values.replace) throw new UsageError('Use --skip or --replace, not both.');

    const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
    app = await createApp({
      dataDir,
      migrationsDir: join(root, 'migrations'),
      resourcesDir: join(root, 'resources'),
      appVersion: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
      mediaBaseUrl: () => '',
      log: createLogger('cli', values.verbose ? (line) => io.err(`${line}\n`) : () => undefined),
      runJobs: command === 'process',
    });
    const a = app;
    const call = async <T>(channel: Parameters<App['dispatch']>[0], input: unknown): Promise<T> => {
      const result = await a.dispatch(channel, input);
      if (!result.ok) throw new AppError(result.error.code, result.error.message);
      return result.value as T;
    };

    switch (command) {
      case 'list': {
        const list = await call<Awaited<ReturnType<App['handlers']['sessions:list']>>>('sessions:list', undefined);
        const rows = list.map((s) => ({
          id: s.session.id,
          date: new Date(s.session.startedAt ?? s.session.createdAt).toISOString(),
          candidate: s.candidateName,
          type: s.session.interviewType,
          jobTitle: s.session.jobTitle,
          status: s.session.status,
          durationMs: s.session.durationMs,
        }));
        print(rows.length ? rows.map((r) => `${r.id}  ${r.date.slice(0, 16).replace('T', ' ')}  ${r.status.padEnd(11)}  ${formatDuration(r.durationMs).padEnd(12)}  ${r.candidate} · ${r.type} · ${r.jobTitle}`).join('\n') : 'No interviews yet.', rows);
        return EXIT.ok;
      }
      case 'show': {
        const doc = a.share.session(args[0]!);
        const s = doc.session;
        print(
          [
            `${String(doc.candidate.name)} · ${String(s.interview_type)} · ${String(s.job_title)}`,
            `id ${String(s.id)}, ${String(s.status)}, ${formatDuration(typeof s.duration_ms === 'number' ? s.duration_ms : null)}`,
            `${doc.questions.filter((q) => q.answer_ended_offset_ms !== null).length} of ${doc.questions.length} questions answered`,
            `AI overall: ${doc.evaluations.find((e) => e.source === 'ai')?.overall ?? '—'}; decision: ${doc.review?.decision ?? '—'}`,
          ].join('\n'),
          doc,
        );
        return EXIT.ok;
      }
      case 'export': {
        const out = resolve(values.out!);
        const result = await a.share.exportSessions({ sessionIds: args, out, video: values.video as 'mp4' | 'webm', includeReport: !values['no-report'], signal });
        print(`Wrote ${out} (${result.bytes} bytes).`, { out, bytes: result.bytes, sessionIds: args });
        return EXIT.ok;
      }
      case 'import': {
        const file = resolve(args[0]!);
        const duplicates = values.replace ? 'replace' : values.skip ? 'skip' : 'refuse';
        const result = await a.share.importFile(file, { duplicates, signal });
        print(`Imported ${result.imported.length}, replaced ${result.replaced.length}, skipped ${result.skipped.length}.`, result);
        return EXIT.ok;
      }
      case 'csv': {
        const text = a.share.libraryCsv();
        if (values.out) {
          await writeFile(resolve(values.out), text);
          print(`Wrote ${resolve(values.out)}.`, { out: resolve(values.out) });
        } else io.out(text);
        return EXIT.ok;
      }
      case 'process': {
        a.share.session(args[0]!);
        await Promise.race([a.runner.waitForIdle(), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
        if (signal.aborted) throw new AppError('cancelled', 'Stopped; the steps left will run next time.');
        const { jobs } = await call<Awaited<ReturnType<App['handlers']['processing:get']>>>('processing:get', { sessionId: args[0] });
        const rows = jobs.map((j) => ({ kind: j.kind, status: j.status, waitReason: j.waitReason, error: j.error }));
        print(rows.map((j) => `${j.kind.padEnd(14)} ${j.status}${j.waitReason ? ` (${j.waitReason})` : ''}${j.error ? `: ${j.error}` : ''}`).join('\n') || 'No background steps.', rows);
        return jobs.every((j) => j.status === 'succeeded' || j.status === 'cancelled') ? EXIT.ok : EXIT.incomplete;
      }
      case 'stats': {
        const db = new BetterSqlite3(join(dataDir, 'interview-recorder.sqlite'), { readonly: true });
        try {
          const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
          const byStatus = (table: string) =>
            Object.fromEntries((db.prepare(`SELECT status, count(*) AS n FROM ${table} GROUP BY status ORDER BY status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
          const stats = {
            candidates: count('SELECT count(*) AS n FROM candidates'),
            sessions: byStatus('sessions'),
            recordings: { count: count('SELECT count(*) AS n FROM recordings'), bytes: count('SELECT coalesce(sum(bytes), 0) AS n FROM recordings'), durationMs: count('SELECT coalesce(sum(duration_ms), 0) AS n FROM recordings') },
            jobs: byStatus('jobs'),
          };
          const list = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
          print(
            [`Candidates: ${stats.candidates}`, `Interviews: ${list(stats.sessions)}`, `Recordings: ${stats.recordings.count}, ${(stats.recordings.bytes / 1024 ** 2).toFixed(1)} MB, ${formatDuration(stats.recordings.durationMs)}`, `Background steps: ${list(stats.jobs)}`].join('\n'),
            stats,
          );
        } finally {
          db.close();
        }
        return EXIT.ok;
      }
      case 'kit':
        return await kitCommand(a, args, values, print);
    }
    return EXIT.usage;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      io.err(`${error.message}\n`);
      return CODE_EXIT[error.code] ?? EXIT.failed;
    }
    io.err(`Something went wrong: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.failed;
  } finally {
    await app?.close();
  }
}

type Values = { out?: string; name?: string; role?: string; from?: string; instructions?: string; mode?: string; candidate?: string };

/** `kit export|import|list`: the kits service on the same data folder, the file written or read where the user says. */
async function kitCommand(app: App, args: string[], values: Values, print: (human: string, data: unknown) => void): Promise<number> {
  const [verb, target] = args;
  if (verb === 'list') {
    const kits = app.kits.list();
    print(
      kits.length
        ? kits.map((k) => `${k.id}  ${k.origin.padEnd(8)}  ${k.name} · ${k.mode} · ${k.candidate?.name ?? 'anyone'} · returned ${k.returns.length}`).join('\n')
        : 'No kits yet.',
      kits,
    );
    return EXIT.ok;
  }
  if (verb === 'import') {
    const { questionSet, created } = app.kits.importKit(await readKitFile(resolve(target!)));
    print(
      `${created ? 'Imported' : 'Already imported:'} “${questionSet.name}” as question set ${questionSet.id}.`,
      { kitId: questionSet.kit?.id ?? null, questionSetId: questionSet.id, created },
    );
    return EXIT.ok;
  }
  const set = app.kits.questionSet(target!);
  const candidate = values.candidate ? app.kits.findCandidate(values.candidate) : null;
  const fields = calls['kits:export'].input.safeParse({
    questionSetId: set.id,
    name: values.name ?? set.name,
    jobTitle: values.role ?? set.name,
    sender: values.from ?? '',
    instructions: values.instructions ?? set.instructions,
    mode: values.mode ?? 'assessment',
    candidateId: candidate,
  });
  if (!fields.success) throw new UsageError(fields.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const out = resolve(values.out!);
  const { kitId, text } = app.kits.exportKit(fields.data);
  await writeKitFile(out, text);
  print(`Wrote ${out} (kit ${kitId}).`, { out, kitId, questionSetId: set.id });
  return EXIT.ok;
}

/** The bin's entry (bin/interview-recorder.cjs): Ctrl-C cancels what runs, then the app closes cleanly. */
export function cliMain(): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  void run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
