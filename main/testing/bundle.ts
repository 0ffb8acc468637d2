import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeLiveWebm, testApp } from './fixtures';
import { recordInterview } from './interview';

/** A real .interview file: one recorded session exported from its own data folder under `work` (call inside a test). */
export async function exportedBundle(work: string, name = 'Ada.interview'): Promise<{ file: string; sessionId: string }> {
  const app = await testApp({ dataDir: join(work, 'source') });
  const live = join(work, 'live.webm');
  makeLiveWebm(live, 2);
  const { session } = await recordInterview(app, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
  const file = join(work, name);
  await app.share.exportSessions({ sessionIds: [session.id], out: file, video: 'webm', includeReport: false });
  return { file, sessionId: session.id };
}
