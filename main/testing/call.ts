import type { CallInput, CallOutput, Channel } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import type { App } from '../app/createApp';

export type ChannelResult = Result<unknown>;

/** Calls a channel through the real dispatcher (validation included) and unwraps its Result. */
export async function call<C extends Channel>(app: App, channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const result = await app.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as CallOutput<C>;
}
