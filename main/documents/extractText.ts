import { extname } from 'node:path';
import mammoth from 'mammoth';
import { extractText as extractPdfText } from 'unpdf';
import { AppError } from '../../shared/ipc/result';
import { DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from '../../shared/domain/documents';
import type { ExtractedDocument } from '../../shared/domain/types';

// Text of a resume or job description the user picked: PDF (unpdf), DOCX (mammoth) or plain
// text. The bytes come from the page, so nothing about them is trusted: the type is decided by
// the file's own signature as well as its name, and every failure is a sentence for the user.

type Kind = 'pdf' | 'docx' | 'txt';

const PDF_MAGIC = '%PDF-';
/** DOCX is a ZIP archive: "PK\x03\x04". */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function extractDocumentText(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const kind = kindOf(fileName);
  if (bytes.byteLength === 0) throw new AppError('document/empty', `“${fileName}” is empty.`);
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new AppError('document/too_large', `“${fileName}” is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  }
  const raw = await textOf(kind, fileName, bytes);
  const text = tidy(raw);
  if (!text) {
    throw new AppError(
      'document/empty',
      kind === 'pdf'
        ? `“${fileName}” has no text to read; it may be a scanned image. Paste the text instead.`
        : `“${fileName}” has no text in it.`,
    );
  }
  const truncated = text.length > MAX_DOCUMENT_CHARS;
  return { fileName, text: truncated ? text.slice(0, MAX_DOCUMENT_CHARS) : text, truncated };
}

function kindOf(fileName: string): Kind {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.docx') return 'docx';
  if (ext === '.txt' || ext === '.md') return 'txt';
  const list = DOCUMENT_EXTENSIONS.map((e) => e.slice(1).toUpperCase()).join(', ');
  throw new AppError('document/unsupported', `“${fileName}” is not a file the app can read. Use ${list}, or paste the text.`);
}

async function textOf(kind: Kind, fileName: string, bytes: Uint8Array): Promise<string> {
  const unreadable = (cause: unknown) =>
    new AppError('document/unreadable', `“${fileName}” could not be read; the file may be damaged.`, { cause });
  switch (kind) {
    case 'pdf': {
      if (String.fromCharCode(...bytes.subarray(0, PDF_MAGIC.length)) !== PDF_MAGIC) throw unreadable('no %PDF- header');
      try {
        // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
        const { text } = await extractPdfText(new Uint8Array(bytes), { mergePages: true });
        return text;
      } catch (error) {
        throw unreadable(error);
      }
    }
    case 'docx': {
      if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) throw unreadable('no ZIP header');
      try {
        const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
        return result.value;
      } catch (error) {
        throw unreadable(error);
      }
    }
    case 'txt': {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (error) {
        throw new AppError('document/unreadable', `“${fileName}” is not UTF-8 text. Save it as UTF-8 or paste the text.`, {
          cause: error,
        });
      }
    }
  }
}

/** One space between words, at most one blank line between paragraphs, no byte-order mark. */
function tidy(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
