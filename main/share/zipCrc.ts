import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

// yazl computes every entry's CRC-32 with buffer-crc32, one table lookup per byte in JavaScript:
// about 310 MiB/s on these machines, which made it the slowest stage of an export (more than half
// its CPU time, measured; SHA-256 runs at 1.3 GiB/s, Node's native zlib.crc32 at 2.7 GiB/s). yazl
// has no option to supply the CRC, and looks `unsigned` up on that module for every chunk, so the
// module yazl itself loads is pointed at zlib.crc32. Same CRC (the standard zip polynomial), same
// bytes in the bundle; anything but a Buffer with a uint32 running value still goes the old way.

type Unsigned = (input: unknown, previous?: unknown) => number;

const NATIVE = Symbol('interview-recorder native crc32');

/** buffer-crc32 as yazl resolves it (the same instance, whether run from source or from out/main/). */
export function yazlCrc32Module(): { unsigned: Unsigned & { [NATIVE]?: true } } {
  const fromYazl = createRequire(createRequire(__filename).resolve('yazl'));
  return fromYazl('buffer-crc32') as { unsigned: Unsigned };
}

/** Makes yazl's CRC-32 native; idempotent. Returns false (and changes nothing) if buffer-crc32 is not as expected. */
export function useNativeZipCrc32(): boolean {
  let module: ReturnType<typeof yazlCrc32Module>;
  try {
    module = yazlCrc32Module();
  } catch {
    return false;
  }
  const original = module.unsigned;
  if (typeof original !== 'function') return false;
  if (original[NATIVE]) return true;
  const native: Unsigned & { [NATIVE]?: true } = (input, previous) =>
    Buffer.isBuffer(input) && (previous === undefined || (typeof previous === 'number' && previous >>> 0 === previous)) ? crc32(input, previous ?? 0) : original(input, previous);
  native[NATIVE] = true;
  module.unsigned = native;
  return true;
}
