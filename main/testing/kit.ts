import { join } from 'node:path';
import type { CallInput } from '../../shared/ipc/contract';
import type { App } from '../app/createApp';
import { EXPORTS_DIR } from '../share/handlers';
import { call } from './call';

// A hiring manager's kit, exported through the same call the Question sets page makes, for
// tests and e2e seeding (no test-runner imports).

/** A set whose rules differ per question, so a test sees each one arrive. */
export const KIT_SET: CallInput<'questionSets:create'> = {
  name: 'Platform hiring',
  interviewType: 'technical',
  description: 'For the platform team.',
  instructions: 'Answer in your own words; you may redo the first answer once.',
  questions: [
    { text: 'Tell me about a system you scaled.', category: 'Experience', difficulty: 'medium', keywords: ['scale'], thinkTimeMs: 5000, answerLimitMs: 90_000, retakesAllowed: 1 },
    { text: 'How do you review a colleague’s code?', category: 'Collaboration', difficulty: 'easy', keywords: ['review'], thinkTimeMs: 0, answerLimitMs: 30_000, retakesAllowed: 0 },
  ],
};

export const KIT_CANDIDATE = { name: 'Ana Díaz', email: 'ana.diaz@example.com' };

/** Exports KIT_SET as a kit for KIT_CANDIDATE from `app` (whose data folder is `dataDir`); browser mode writes it to exports/. */
export async function exportedKit(app: App, dataDir: string, overrides: Partial<CallInput<'kits:export'>> = {}) {
  const candidate = await call(app, 'candidates:create', KIT_CANDIDATE);
  const set = await call(app, 'questionSets:create', KIT_SET);
  const outcome = await call(app, 'kits:export', {
    questionSetId: set.id,
    name: 'Backend engineer at Acme',
    jobTitle: 'Backend engineer',
    sender: 'Acme hiring team',
    instructions: 'Find a quiet room. You have 5 seconds to think before the first answer.',
    mode: 'assessment',
    candidateId: candidate.id,
    ...overrides,
  });
  return { file: join(dataDir, EXPORTS_DIR, outcome.fileName), kitId: outcome.kitId!, setId: set.id, candidateId: candidate.id };
}
