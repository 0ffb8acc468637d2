import {
  CHANNELS,
  EVENT_NAMES,
  type CallInput,
  type CallOutput,
  type Channel,
  type EventName,
  type EventPayload,
} from './contract';
import type { Result } from './result';

// window.api, built from the contract: `api.sessions.create(input)` for `sessions:create`, and
// `api.recording.onDiskLow(listener)` for the event of that name. Preload (Electron IPC) and the
// WebSocket bridge client build it the same way, from two functions each.

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K extends string, D extends string> = K extends `${D}:${infer V}` ? V : never;

type CallFn<C extends Channel> =
  undefined extends CallInput<C>
    ? (input?: CallInput<C>) => Promise<Result<CallOutput<C>>>
    : (input: CallInput<C>) => Promise<Result<CallOutput<C>>>;
type ListenFn<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => () => void;

export type Api = {
  [D in DomainOf<Channel> | DomainOf<EventName>]: {
    [V in VerbOf<Channel, D>]: CallFn<Extract<`${D}:${V}`, Channel>>;
  } & {
    [V in VerbOf<EventName, D>]: ListenFn<Extract<`${D}:${V}`, EventName>>;
  };
};

export type Invoke = (channel: Channel, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, Record<string, unknown>> = {};
  const slot = (name: string) => {
    const [domain, verb] = name.split(':') as [string, string];
    api[domain] ??= {};
    return { domain: api[domain], verb };
  };
  for (const channel of CHANNELS) {
    const { domain, verb } = slot(channel);
    domain[verb] = (input?: unknown) => invoke(channel, input);
  }
  for (const name of EVENT_NAMES) {
    const { domain, verb } = slot(name);
    domain[verb] = (listener: (payload: unknown) => void) => subscribe(name, listener);
  }
  return api as Api;
}
