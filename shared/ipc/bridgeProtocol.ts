import { decode, encode } from '@msgpack/msgpack';
import { MAX_CHUNK_BYTES } from './contract';
import type { Result } from './result';

// The loopback WebSocket bridge carries the same contract as Electron IPC, for tests and for
// `npm run dev:web`. Frames are MessagePack so chunks travel as binary, not base64.

export const BRIDGE_PATH = '/bridge';
/** The largest legitimate frame is a chunk plus its envelope; a bigger one closes the socket (1009). */
export const MAX_BRIDGE_FRAME_BYTES = MAX_CHUNK_BYTES + 1024 * 1024;
/** The close code WebSocket gives a frame over the limit ("message too big"). */
export const CLOSE_TOO_BIG = 1009;

export type BridgeMessage =
  | { t: 'call'; id: number; channel: string; input: unknown }
  /** `id` null: the answer to a frame that did not say which call it was. */
  | { t: 'result'; id: number | null; result: Result<unknown> }
  | { t: 'event'; name: string; payload: unknown };

export function encodeMessage(message: BridgeMessage): Uint8Array<ArrayBuffer> {
  // msgpack's encoder allocates a plain ArrayBuffer; its type only says ArrayBufferLike.
  return encode(message, { ignoreUndefined: true }) as Uint8Array<ArrayBuffer>;
}

/** The frame as MessagePack, or undefined when it is not (msgpack refuses a `__proto__` key too). */
export function decodeFrame(data: Uint8Array): unknown {
  try {
    return decode(data, { maxStrLength: MAX_BRIDGE_FRAME_BYTES, maxBinLength: MAX_BRIDGE_FRAME_BYTES });
  } catch {
    return undefined;
  }
}

/** Returns null for anything that is not a well-formed message. */
export function decodeMessage(data: Uint8Array): BridgeMessage | null {
  return messageOf(decodeFrame(data));
}

export function messageOf(value: unknown): BridgeMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.t === 'call' && typeof m.id === 'number' && typeof m.channel === 'string') {
    return { t: 'call', id: m.id, channel: m.channel, input: m.input };
  }
  if (m.t === 'result' && (typeof m.id === 'number' || m.id === null) && typeof m.result === 'object' && m.result) {
    return { t: 'result', id: m.id, result: m.result as Result<unknown> };
  }
  if (m.t === 'event' && typeof m.name === 'string') {
    return { t: 'event', name: m.name, payload: m.payload };
  }
  return null;
}
