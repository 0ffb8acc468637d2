import type { Channel } from '../../shared/ipc/contract';

// A cheap walk over an IPC payload before zod sees it. zod's cost grows with the payload, not
// with the schema: a 40 MB Uint8Array where an object is expected makes a strict object schema
// list forty million "unrecognized keys", and 3,000 levels of nesting recurse as deep. No call
// of the contract needs either, so both are refused here, in time bounded by the limits below.

/** Where a channel takes bytes (everything else is text, numbers and small objects). */
const BINARY_FIELDS: Partial<Record<Channel, readonly string[]>> = {
  'recording:appendChunk': ['bytes'],
  'documents:extractText': ['bytes'],
  'share:uploadChunk': ['bytes'],
  'followUps:propose': ['audio'],
  'kits:upload': ['bytes'],
};

/** Deeper than any input of the contract (at most 3 levels today). */
export const MAX_INPUT_DEPTH = 16;
/** Object keys and array items in all: far above any input, far below what takes time. */
export const MAX_INPUT_NODES = 20_000;

const isBinary = (v: unknown) => ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer;

/** A sentence saying why the payload is refused, or null to go on to its schema. */
export function inputShapeProblem(channel: Channel, input: unknown): string | null {
  if (isBinary(input)) return 'The request was not valid: binary data where none is expected.';
  if (typeof input !== 'object' || input === null) return null;
  const binaryFields = BINARY_FIELDS[channel] ?? [];
  let nodes = 0;
  const stack: { value: object; depth: number; top: boolean }[] = [{ value: input, depth: 0, top: true }];
  while (stack.length) {
    const { value, depth, top } = stack.pop()!;
    if (depth > MAX_INPUT_DEPTH) return 'The request was not valid: it is nested too deeply.';
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    nodes += entries.length;
    if (nodes > MAX_INPUT_NODES) return 'The request was not valid: it is too large.';
    for (const [key, child] of entries) {
      if (isBinary(child)) {
        if (top && binaryFields.includes(key)) continue;
        return 'The request was not valid: binary data where none is expected.';
      }
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, top: false });
    }
  }
  return null;
}
