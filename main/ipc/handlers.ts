import type { z } from 'zod';
import {
  calls,
  isChannel,
  type CallOutput,
  type Channel,
  type ParsedInput,
} from '../../shared/ipc/contract';
import { AppError, fail, ok, type Result } from '../../shared/ipc/result';
import type { Logger } from '../log';
import { inputShapeProblem } from './inputGuard';

export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<CallOutput<C>> | CallOutput<C>;
/** Exactly one handler per channel: a missing or extra one is a compile error. */
export type Handlers = { [C in Channel]: Handler<C> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point both transports (Electron IPC, WebSocket bridge) call: checks the
 * channel, validates the input against the contract, runs the handler, and turns every outcome
 * into a Result. Nothing thrown here crosses the boundary.
 */
export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return fail('ipc/unknown_channel', 'The app received a request it does not know.');
    }
    const shape = inputShapeProblem(channel, input);
    if (shape) {
      log.warn('invalid input', { channel, reason: shape });
      return fail('ipc/invalid_input', shape);
    }
    const parsed = calls[channel].input.safeParse(input);
    if (!parsed.success) {
      log.warn('invalid input', { channel, issues: parsed.error.issues.slice(0, 5) });
      return fail('ipc/invalid_input', describeIssues(parsed.error));
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppError) {
        log.warn('call failed', { channel, code: error.code, message: error.message, cause: error.cause });
        return fail(error.code, error.message);
      }
      log.error('call crashed', { channel, error });
      return fail('internal', 'Something went wrong in the app. The details were written to the log.');
    }
  };
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length ? ` (${first.path.map(String).join('.')})` : '';
  return `The request was not valid: ${first.message}${where}.`;
}
