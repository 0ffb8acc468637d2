import { ErrorState, Spinner } from '../../ui/states';
import { TailorSection } from '../tailor/TailorSection';
import { useTailorStore } from '../tailor/store';
import { AvatarSection } from './AvatarSection';
import { CandidateSection } from './CandidateSection';
import { DevicesSection } from './DevicesSection';
import { JobSection } from './JobSection';
import { QuestionSetSection } from './QuestionSetSection';
import { useSetupStore } from './store';
import { useMediaPreview } from './useMediaPreview';
import { useStartInterview } from './useStartInterview';

export function SetupScreen() {
  const cameraId = useSetupStore((s) => s.cameraId);
  const microphoneId = useSetupStore((s) => s.microphoneId);
  const { state: preview, devices, retry } = useMediaPreview(cameraId, microphoneId);
  const stream = preview.status === 'ready' ? preview.stream : null;
  const { start, errors, submitError, starting } = useStartInterview(stream, preview.status === 'error');
  const tailored = useTailorStore((s) => s.drafts.length > 0);

  return (
    // Not a <form>: Enter in a text field must not start recording by accident.
    <div className="page setup">
      <div className="page-header">
        <div>
          <h1>New interview</h1>
          <p className="muted">Set up the interview, check your camera and microphone, then start recording.</p>
        </div>
      </div>
      <div className="setup-columns">
        <div className="stack">
          <JobSection jobTitleError={errors.jobTitle} />
          <CandidateSection candidateError={errors.candidate} />
          {/* Tailored questions replace the set, so its picker steps aside while there are some. */}
          {!tailored && <QuestionSetSection error={errors.questionSet} />}
          <TailorSection questionsError={errors.questions} />
        </div>
        <div className="stack">
          <DevicesSection preview={preview} cameras={devices.cameras} microphones={devices.microphones} onRetry={retry} />
          <AvatarSection />
          <div className="card start-card">
            {errors.media && <p className="field-error">{errors.media}</p>}
            {submitError && <ErrorState message={submitError} />}
            <button
              type="button"
              className="btn btn-primary btn-large"
              data-testid="start-interview"
              disabled={starting}
              onClick={() => void start()}
            >
              {starting && <Spinner size="sm" />}
              Start interview
            </button>
            <p className="hint">Recording starts as soon as the interview room opens.</p>
          </div>
        </div>
      </div>
    </div>
  );
}
