import { useAiEnabled } from '../../lib/useAiEnabled';
import { useSetupStore } from './store';

/**
 * "Follow-up questions": offered for practice with AI on (in Settings and for this interview);
 * an assessment asks exactly its kit's questions, so it never shows there.
 */
export function FollowUpsOption() {
  const aiEnabled = useAiEnabled();
  const practice = useSetupStore((s) => s.form.mode === 'practice');
  const aiProcessing = useSetupStore((s) => s.form.aiProcessing);
  const followUps = useSetupStore((s) => s.form.followUps);
  const update = useSetupStore((s) => s.update);
  if (!aiEnabled || !practice || !aiProcessing) return null;
  return (
    <label className="toggle">
      <input type="checkbox" data-testid="follow-ups" checked={followUps} onChange={(e) => update({ followUps: e.target.checked })} />
      <span>
        Follow-up questions
        <span className="hint"> · after each answer the interviewer may ask one more, as a real one would</span>
      </span>
    </label>
  );
}
