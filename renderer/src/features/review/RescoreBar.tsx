import { Spinner } from '../../ui/states';
import { latestJob } from './jobs';
import { useProcessingStore } from './processingStore';

function message(state: { scoring: boolean; stale: boolean; edited: boolean; scored: boolean }): string {
  if (state.scoring) return state.edited ? 'Scoring the corrected transcript…' : 'Scoring the interview…';
  if (state.stale) return 'The transcript was corrected after it was scored.';
  if (!state.edited) return 'Correct the transcript first if it misheard something; scores use your corrections.';
  return state.scored ? 'The scores already include your corrections.' : 'Your corrections are used when the interview is scored.';
}

/**
 * "Score again", says so louder when corrections came after the scores. Beside the transcript it
 * appears only once there are corrections; beside the scores (`always`) also for a new model.
 */
export function RescoreBar({ always = false }: { always?: boolean }) {
  const processing = useProcessingStore((s) => s.processing);
  const rescoring = useProcessingStore((s) => s.rescoring);
  const rescoreError = useProcessingStore((s) => s.rescoreError);
  const rescore = useProcessingStore((s) => s.rescore);
  const transcript = processing?.transcript;
  const edited = transcript?.segments.some((s) => s.editedText !== null) ?? false;
  if (!transcript || (!edited && !always)) return null;

  const evaluation = processing?.evaluation ?? null;
  const job = latestJob(processing ?? null, 'score');
  const scoring = job?.status === 'queued' || job?.status === 'running';
  const stale = evaluation !== null && transcript.editedAt !== null && transcript.editedAt > evaluation.createdAt;
  return (
    <div className={`rescore ${stale ? 'rescore-stale' : ''}`} data-testid="rescore-bar">
      <p>{message({ scoring, stale, edited, scored: evaluation !== null })}</p>
      <button
        type="button"
        className={`btn btn-small ${stale ? 'btn-primary' : ''}`}
        data-testid="rescore"
        disabled={rescoring || scoring}
        onClick={() => void rescore()}
      >
        {(rescoring || scoring) && <Spinner size="sm" />}
        Score again
      </button>
      {rescoreError && <p className="field-error">{rescoreError}</p>}
    </div>
  );
}
