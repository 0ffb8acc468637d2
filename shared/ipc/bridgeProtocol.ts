import { decode, encode } from '@msgpack/msgpack';
import type { Result } from './result';

// The loopback WebSocket bridge carries the same contract as Electron IPC, for tests and for
// `npm run dev:web`. Frames are MessagePack so chunks travel as binary, not base64.

export const BRIDGE_PATH = '/bridge';

export type BridgeMessage =
  | { t: 'call'; id: number; channel: string; input: unknown }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; name: string; payload: unknown };

export function encodeMessage(message: BridgeMessage): Uint8Array<ArrayBuffer> {
  // msgpack's encoder allocates a plain ArrayBuffer; its type only says ArrayBufferLike.
  return encode(message, { ignoreUndefined: true }) as Uint8Array<ArrayBuffer>;
}

/** Returns null for anything that is not a well-formed message. */
export function decodeMessage(data: Uint8Array): BridgeMessage | null {
  let value: unknown;
  try {
    value = decode(data, { maxStrLength: 64 * 1024 * 1024, maxBinLength: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.t === 'call' && typeof m.id === 'number' && typeof m.channel === 'string') {
    return { t: 'call', id: m.id, channel: m.channel, input: m.input };
  }
  if (m.t === 'result' && typeof m.id === 'number' && typeof m.result === 'object' && m.result) {
    return { t: 'result', id: m.id, result: m.result as Result<unknown> };
  }
  if (m.t === 'event' && typeof m.name === 'string') {
    return { t: 'event', name: m.name, payload: m.payload };
  }
  return null;
}
