import { calls, CHANNELS, type Channel } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { seededRandom } from './random';

// Hostile IPC payloads from a seeded generator, so a failure replays from its seed: wrong
// types, huge strings, deep nesting, prototype-pollution keys, NaN/Infinity, binary where text
// is expected, and objects with a channel's own field names filled with all of that.

const HUGE = 'A'.repeat(2 * 1024 * 1024);
const POLLUTERS = ['__proto__', 'constructor', 'prototype'];

function deep(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A field name of some channel of the contract (strict schemas reject everything else). */
function fieldNames(): string[] {
  const names = new Set<string>();
  for (const channel of CHANNELS) for (const key of keysOf(channel)) names.add(key);
  return [...names];
}

/** The top-level keys a channel's input object has, if it is an object. */
export function keysOf(channel: Channel): string[] {
  let schema = calls[channel].input as unknown as { shape?: Record<string, unknown>; def?: { innerType?: unknown } };
  for (let i = 0; i < 3 && !schema.shape && schema.def?.innerType; i++) schema = schema.def.innerType as typeof schema;
  return schema.shape ? Object.keys(schema.shape) : [];
}

export function hostileGenerator(seed: number, knownIds: readonly string[] = []) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const fields = fieldNames();

  // Built once: the big buffers are shared, not made per payload.
  const scalarList: unknown[] = [
    undefined,
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_VALUE,
    2 ** 53 + 1,
    10n,
    '',
    ' ',
    HUGE,
    '\u0000',
    '\uD800',
    '../../../../etc/passwd',
    '..\\..\\windows\\system32',
    '%2e%2e%2f%2e%2e%2f',
    "'; DROP TABLE sessions; --",
    '<img src=x onerror=alert(1)>',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '00000000-0000-4000-8000-000000000000',
    new Date(0),
    new Uint8Array([0, 1, 2, 255]),
    new Uint8Array(40 * 1024 * 1024),
    Buffer.from('text as bytes'),
    new ArrayBuffer(8),
    new Map([['a', 1]]),
    new Set([1]),
    ...knownIds,
  ];
  const scalars = () => scalarList;

  function value(depth = 0): unknown {
    const roll = random();
    if (depth > 2 || roll < 0.55) return pick(scalars());
    if (roll < 0.65) return deep(1 + Math.floor(random() * 3000), pick(scalars()));
    if (roll < 0.72) return new Array(1 + Math.floor(random() * 50_000)).fill(pick(scalars()));
    if (roll < 0.8) return JSON.parse(`{"${pick(POLLUTERS)}": {"polluted": true, "isAdmin": true}}`) as unknown;
    return object(depth + 1);
  }

  function object(depth = 0, keys: readonly string[] = fields): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const n = Math.floor(random() * 4) + 1;
    for (let i = 0; i < n; i++) {
      const key = random() < 0.15 ? pick(POLLUTERS) : random() < 0.1 ? `x${Math.floor(random() * 100)}` : pick(keys);
      // defineProperty, so "__proto__" becomes an own key as JSON.parse or structured clone makes it.
      Object.defineProperty(result, key, { value: value(depth), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }

  return {
    random,
    /** A payload aimed at `channel`: its own field names, hostile values; or anything at all. */
    payloadFor(channel: Channel): unknown {
      const keys = keysOf(channel);
      if (keys.length && random() < 0.6) return object(0, keys);
      return value();
    },
    channelName(): unknown {
      return random() < 0.9 ? pick(CHANNELS) : pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'sessions:drop', 42, null, {}]);
    },
  };
}

/** Why a result breaks the contract of the boundary, or null when it keeps it. */
export function resultProblem(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return 'not a Result';
  const r = result as Result<unknown>;
  if (r.ok === true) return null;
  if (r.ok !== false) return 'not a Result';
  const { code, message } = r.error ?? {};
  if (typeof code !== 'string' || typeof message !== 'string') return 'error without code and message';
  if (code === 'internal') return `internal error: ${message}`;
  if (/\n\s+at |node_modules|\/work\/|\.ts:\d+/.test(message)) return `a stack trace or path in the message: ${message}`;
  return null;
}

/** Object.prototype as it is now, to compare after the run. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.keys(Object.prototype)]);
}
