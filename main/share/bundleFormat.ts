import { z } from 'zod';
import { AppError } from '../../shared/ipc/result';

// The .interview bundle: a zip holding
//   manifest.json                          format version, app version, sessions, every file with size and SHA-256
//   sessions/<session-id>/session.json     the session's rows (see sessionData.ts)
//   sessions/<session-id>/recording.mp4|webm, thumbnail.jpg, transcript.vtt, transcript.srt, report.pdf
// A later minor version may add entries or manifest fields; a reader refuses an unknown major
// version. 1.1 added the manifest's `kits` (the interview kits the sessions were recorded under;
// each session.json carries its own kit_id); 1.0 bundles import as before.

export const FORMAT_VERSION = '1.1';
export const BUNDLE_EXTENSION = '.interview';
export const MANIFEST_NAME = 'manifest.json';

/** Limits an import enforces before trusting anything in the file. */
export const IMPORT_LIMITS = {
  maxEntries: 2_000,
  /** The JSON files are read into memory; nothing legitimate comes close. */
  maxJsonBytes: 64 * 1024 * 1024,
  /** Inflated bytes over all entries; the free-space check comes on top. */
  maxTotalBytes: 256 * 1024 ** 3,
  /** Inflated / compressed, for entries big enough to matter (text compresses ~10x, media ~1x). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
} as const;

export type Row = Record<string, unknown>;

const uuid = z.string().uuid();
const row = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'bad column name'), z.unknown());
const rowWithId = row.and(z.object({ id: uuid }));

export const SessionDocSchema = z.object({
  candidate: rowWithId,
  session: row.and(z.object({ id: uuid, candidate_id: uuid })),
  questions: z.array(row.and(z.object({ id: uuid, session_id: uuid }))),
  recording: row.and(z.object({ id: uuid, session_id: uuid })).nullable(),
  media: z.array(row.and(z.object({ kind: z.string() }))),
  voiceMetrics: z.array(row),
  transcript: row.and(z.object({ segments: z.array(row) })).nullable(),
  evaluations: z.array(row.and(z.object({ session_id: uuid, questions: z.array(row) }))),
  review: row.and(z.object({ session_id: uuid })).nullable(),
  questionRatings: z.array(row.and(z.object({ session_id: uuid, session_question_id: uuid }))),
  comments: z.array(row.and(z.object({ id: uuid, session_id: uuid }))),
  events: z.array(row.and(z.object({ session_id: uuid }))),
  /** What the candidate agreed to (migration 0007); absent in bundles made before it. */
  consent: row.and(z.object({ session_id: uuid })).nullish(),
  /** What was removed before export (also in the manifest). */
  redactions: z.array(z.lazy(() => RedactionSchema)).optional(),
});
export type SessionDoc = z.infer<typeof SessionDocSchema>;

export const RedactionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trim'), startMs: z.number().min(0), endMs: z.number().min(0).nullable(), removedMs: z.number().min(0) }),
  z.object({ kind: z.literal('answer'), sessionQuestionId: uuid, position: z.number().int(), question: z.string(), fromMs: z.number(), toMs: z.number() }),
]);
export type Redaction = z.infer<typeof RedactionSchema>;

const fileName = z.string().min(1).max(300);
export const ManifestSchema = z.object({
  format: z.literal('interview-recorder-bundle'),
  formatVersion: z.string().regex(/^\d+\.\d+$/, 'The bundle has no readable format version.'),
  appVersion: z.string().max(100),
  createdAt: z.number(),
  sessionIds: z.array(uuid).min(1).max(1000),
  files: z.array(z.object({ name: fileName, bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  redactions: z.record(uuid, z.array(RedactionSchema)).optional(),
  /** 1.1: the kits the sessions were recorded under, by id with the set's name. */
  kits: z.array(z.object({ id: uuid, name: z.string().max(300), sessionIds: z.array(uuid) })).max(1000).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Names a bundle may contain; anything else is refused. */
export const SESSION_FILES = ['session.json', 'recording.mp4', 'recording.webm', 'thumbnail.jpg', 'transcript.vtt', 'transcript.srt', 'report.pdf'] as const;
const ENTRY_NAME = new RegExp(`^(manifest\\.json|sessions/[0-9a-f-]{36}/(${SESSION_FILES.map((f) => f.replace('.', '\\.')).join('|')}))$`);

export const isAllowedEntryName = (name: string): boolean => ENTRY_NAME.test(name);
export const sessionFile = (sessionId: string, file: (typeof SESSION_FILES)[number]): string => `sessions/${sessionId}/${file}`;

export const invalid = (message: string, cause?: unknown) => new AppError('bundle/invalid', message, { cause });

/** Refuses a major version this app does not know; minors only add things. Kits pass their own version and name. */
export function checkFormatVersion(version: unknown, ours: string = FORMAT_VERSION, what = 'bundle'): void {
  const major = typeof version === 'string' && /^\d+\.\d+$/.test(version) ? Number(version.split('.')[0]) : NaN;
  if (!Number.isInteger(major)) throw invalid(`The ${what} has no readable format version.`);
  if (major > Number(ours.split('.')[0])) {
    throw new AppError('bundle/too_new', `This ${what} was made by a newer version of the app (format ${String(version)}); update the app to import it.`);
  }
  if (major < Number(ours.split('.')[0])) throw invalid(`This ${what} uses an old format (${String(version)}) that this app cannot read.`);
}

/** Every row of the document must belong to its session: a bundle cannot touch other sessions. */
export function checkSessionDoc(doc: SessionDoc, sessionId: string): void {
  const bad = (what: string) => invalid(`The bundle's data for session ${sessionId} is inconsistent (${what}).`);
  if (doc.session.id !== sessionId) throw bad('session id');
  if (doc.session.candidate_id !== doc.candidate.id) throw bad('candidate');
  const questionIds = new Set(doc.questions.map((q) => q.id));
  const inSession = (r: { session_id?: unknown }) => r.session_id === sessionId;
  const questionOrNull = (id: unknown) => id === null || id === undefined || questionIds.has(String(id));
  if (!doc.questions.every(inSession)) throw bad('questions');
  if (doc.recording && !inSession(doc.recording)) throw bad('recording');
  if (!doc.evaluations.every(inSession) || !doc.evaluations.every((e) => e.questions.every((q) => questionOrNull(q.session_question_id)))) throw bad('scores');
  if (doc.review && !inSession(doc.review)) throw bad('review');
  if (!doc.questionRatings.every((r) => inSession(r) && questionIds.has(r.session_question_id))) throw bad('question ratings');
  if (!doc.comments.every((c) => inSession(c) && questionOrNull(c.session_question_id))) throw bad('comments');
  if (!doc.events.every(inSession)) throw bad('events');
  if (doc.consent && !inSession(doc.consent)) throw bad('consent');
  if (!doc.voiceMetrics.every((v) => questionOrNull(v.session_question_id))) throw bad('voice metrics');
  const recordingId = doc.recording?.id;
  const ofRecording = (r: Row) => r.recording_id === recordingId;
  if (!doc.voiceMetrics.every(ofRecording) || !doc.media.every(ofRecording) || (doc.transcript && !ofRecording(doc.transcript))) throw bad('recording results');
}
