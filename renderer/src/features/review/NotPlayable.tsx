import type { Recording } from '../../../../shared/domain/types';
import { ErrorState, Notice, Spinner } from '../../ui/states';
import { useReviewStore } from './store';

export function NotPlayable({ recording }: { recording: Recording }) {
  const finalize = useReviewStore((s) => s.finalize);
  const finalizing = useReviewStore((s) => s.finalizing);
  const finalizeError = useReviewStore((s) => s.finalizeError);

  if (recording.status === 'recording') {
    return <Notice tone="info">This interview is still being recorded.</Notice>;
  }
  return (
    <div className="card not-playable" data-testid="not-playable">
      <h2>The recording is not playable yet</h2>
      <p>
        {recording.status === 'failed'
          ? 'Making the recording playable failed. The original file is kept; you can try again.'
          : 'The recording is saved, but it still has to be made seekable before it can be played here.'}
      </p>
      {recording.error && <p className="muted">{recording.error}</p>}
      {finalizeError && <ErrorState message={finalizeError} />}
      <button
        type="button"
        className="btn btn-primary"
        data-testid="make-playable"
        disabled={finalizing}
        onClick={() => void finalize()}
      >
        {finalizing && <Spinner size="sm" />}
        {finalizing ? 'Making playable…' : 'Make playable'}
      </button>
    </div>
  );
}
