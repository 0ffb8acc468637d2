import type { Page } from '@playwright/test';
import { decodeMessage } from '../../shared/ipc/bridgeProtocol';
import type { Result } from '../../shared/ipc/result';

/**
 * What main answered the page on one channel, read off the bridge's frames: a test can hold the
 * page's figures to the very reply it was given. Call before the page opens its socket.
 */
export function watchReplies(page: Page, channel: string): { replies: { input: unknown; result: Result<unknown> }[] } {
  const watched = { replies: [] as { input: unknown; result: Result<unknown> }[] };
  page.on('websocket', (socket) => {
    const calls = new Map<number, unknown>();
    const bytes = (payload: string | Buffer) => (typeof payload === 'string' ? null : new Uint8Array(payload));
    socket.on('framesent', ({ payload }) => {
      const data = bytes(payload);
      const message = data && decodeMessage(data);
      if (message?.t === 'call' && message.channel === channel) calls.set(message.id, message.input);
    });
    socket.on('framereceived', ({ payload }) => {
      const data = bytes(payload);
      const message = data && decodeMessage(data);
      if (message?.t === 'result' && message.id !== null && calls.has(message.id)) {
        watched.replies.push({ input: calls.get(message.id), result: message.result });
        calls.delete(message.id);
      }
    });
  });
  return watched;
}
