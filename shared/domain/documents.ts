// Limits for imported resumes and job descriptions, shared by the page (to refuse early) and
// main (which decides).

/** The files the app reads text from. */
export const DOCUMENT_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md'] as const;

/** A resume or posting is a few hundred KB; anything past this is not one. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Kept text: the session columns and the AI prompt stay a sensible size. */
export const MAX_DOCUMENT_CHARS = 50_000;
