import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from '../../shared/domain/documents';
import { AppError } from '../../shared/ipc/result';
import { extractDocumentText } from './extractText';

// Real files made here: a PDF written by pdfkit, a DOCX written by the docx package, and the
// broken, empty and foreign files a user might pick by mistake.

function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

async function docx(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('extractDocumentText', () => {
  it('reads the text of a two-page PDF', async () => {
    const bytes = await pdf((doc) => {
      doc.fontSize(18).text('Jordan Lee — Senior Backend Engineer');
      doc.fontSize(11).text('Led the migration of the billing service to Kafka, cutting latency by 40%.');
      doc.addPage().text('Education: BSc Computer Science, University of Leeds');
    });
    const result = await extractDocumentText('Jordan Lee.pdf', bytes);
    expect(result.fileName).toBe('Jordan Lee.pdf');
    expect(result.truncated).toBe(false);
    expect(result.text).toContain('Jordan Lee');
    expect(result.text).toContain('migration of the billing service to Kafka');
    expect(result.text).toContain('University of Leeds');
  });

  it('reads the paragraphs of a DOCX', async () => {
    const bytes = await docx(['Acme Corp is hiring a Data Engineer.', 'You know Spark, Airflow and dbt.']);
    const result = await extractDocumentText('posting.DOCX', bytes);
    expect(result.text).toBe('Acme Corp is hiring a Data Engineer.\n\nYou know Spark, Airflow and dbt.');
  });

  it('reads UTF-8 text and tidies its spacing', async () => {
    const bytes = new TextEncoder().encode('\uFEFFRésumé\r\n\r\n\r\n\r\nZoë   Müller\t — Lisbon  ');
    const result = await extractDocumentText('cv.txt', bytes);
    expect(result.text).toBe('Résumé\n\nZoë Müller — Lisbon');
  });

  it('keeps at most MAX_DOCUMENT_CHARS and says it cut the text', async () => {
    const bytes = new TextEncoder().encode('word '.repeat(MAX_DOCUMENT_CHARS));
    const result = await extractDocumentText('long.txt', bytes);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBe(MAX_DOCUMENT_CHARS);
  });

  it('says a PDF with no text (a scan) has nothing to read', async () => {
    const bytes = await pdf((doc) => {
      doc.rect(50, 50, 300, 400).fill('#777777');
    });
    const error = await failure(extractDocumentText('scan.pdf', bytes));
    expect(error.code).toBe('document/empty');
    expect(error.message).toMatch(/scanned image/);
  });

  it('refuses a damaged PDF and a damaged DOCX', async () => {
    const whole = await pdf((doc) => doc.text('Half a file'));
    const cut = whole.subarray(0, 200);
    expect((await failure(extractDocumentText('cut.pdf', cut))).code).toBe('document/unreadable');

    const notZip = new TextEncoder().encode('PK\u0003\u0004 but not really a zip archive');
    const damaged = await failure(extractDocumentText('broken.docx', notZip));
    expect(damaged.code).toBe('document/unreadable');
    expect(damaged.message).toBe('“broken.docx” could not be read; the file may be damaged.');

    // A PDF renamed to .docx is not a DOCX.
    expect((await failure(extractDocumentText('renamed.docx', whole))).code).toBe('document/unreadable');
  });

  it('refuses empty files, other types, oversized files and text that is not UTF-8', async () => {
    expect((await failure(extractDocumentText('empty.pdf', new Uint8Array()))).code).toBe('document/empty');
    expect((await failure(extractDocumentText('blank.txt', new TextEncoder().encode(' \n\t ')))).code).toBe('document/empty');
    const image = await failure(extractDocumentText('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
    expect(image.code).toBe('document/unsupported');
    expect(image.message).toContain('PDF, DOCX, TXT, MD');
    const big = await failure(extractDocumentText('big.txt', new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(65)));
    expect(big.code).toBe('document/too_large');
    const latin1 = await failure(extractDocumentText('old.txt', new Uint8Array([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9])));
    expect(latin1.code).toBe('document/unreadable');
  });
});
