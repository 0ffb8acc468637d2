import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { INTERVIEW_TYPES, SESSION_MODES } from '../../shared/domain/enums';
import { MAX_KIT_BYTES } from '../../shared/domain/kits';
import { SetQuestionInput } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { checkFormatVersion, invalid } from '../share/bundleFormat';

// The .interviewkit file: one JSON document, no zip. A kit holds no media, so a zip would only
// add a second container to check; plain JSON gets the same treatment as a bundle's manifest
// (size cap before reading, bad JSON, the format version first, then a strict schema) and the
// same error codes, so the CLI's exit codes read alike.
//
//   { "format": "interview-recorder-kit", "formatVersion": "1.0", "appVersion", "createdAt",
//     "kit": { id, name, interviewType, mode, jobTitle, sender, instructions, description,
//              candidate: { name, email } | null,
//              questions: [{ text, category, difficulty, keywords, lookFor, thinkTimeMs, answerLimitMs, retakesAllowed }] } }

export const KIT_FORMAT = 'interview-recorder-kit';
export const KIT_FORMAT_VERSION = '1.0';

const text = (max: number) => z.string().trim().max(max);

export const KitDocSchema = z.object({
  id: z.string().uuid(),
  name: text(200).min(1, 'the kit has no name'),
  interviewType: z.enum(INTERVIEW_TYPES),
  mode: z.enum(SESSION_MODES),
  jobTitle: text(200),
  sender: text(200),
  instructions: text(4000),
  description: text(2000).default(''),
  candidate: z
    .object({ name: text(200).min(1), email: z.union([z.literal(''), z.string().trim().email().max(320)]).nullable() })
    .nullable(),
  // The rules are checked with the same bounds as a set the user writes.
  questions: z.array(SetQuestionInput.omit({ id: true })).min(1, 'the kit has no questions').max(100),
});
export type KitDoc = z.infer<typeof KitDocSchema>;

export const KitFileSchema = z.object({
  format: z.literal(KIT_FORMAT),
  formatVersion: z.string(),
  appVersion: z.string().max(100),
  createdAt: z.number(),
  kit: KitDocSchema,
});
export type KitFile = z.infer<typeof KitFileSchema>;

export function kitFileText(kit: KitDoc, appVersion: string, now: number): string {
  const file: KitFile = { format: KIT_FORMAT, formatVersion: KIT_FORMAT_VERSION, appVersion, createdAt: now, kit };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses a kit's text; every refusal is a sentence about the file. */
export function parseKit(source: string): KitFile {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    throw invalid('The file is not an interview kit: its contents are not valid JSON.', error);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== KIT_FORMAT) {
    throw invalid('The file is not an interview kit (it does not say it is one).');
  }
  // The version first: a newer format is refused as such, whatever else changed in it.
  checkFormatVersion((raw as { formatVersion?: unknown }).formatVersion, KIT_FORMAT_VERSION, 'kit');
  const parsed = KitFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`The kit is not in the expected form (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

/** Reads a kit file from disk: the size is checked before a byte is read. */
export async function readKitFile(path: string, name = basename(path)): Promise<KitFile> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError('not_found', `${name} could not be found; it may have been moved or deleted.`);
  if (!info.isFile()) throw invalid(`${name} is not a file that can be imported.`);
  if (info.size > MAX_KIT_BYTES) throw invalid(`${name} is far larger than any interview kit (${Math.round(info.size / 1024)} KB); it was not opened.`);
  return parseKit(await readFile(path, 'utf8'));
}
