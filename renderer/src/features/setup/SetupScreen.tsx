import { ErrorState, Spinner } from '../../ui/states';
import { TailorSection } from '../tailor/TailorSection';
import { useTailorStore } from '../tailor/store';
import { ConsentDialog } from '../consent/ConsentDialog';
import { AvatarSection } from './AvatarSection';
import { CandidateSection } from './CandidateSection';
import { DevicesSection } from './DevicesSection';
import { FollowUpsOption } from './FollowUpsOption';
import { JobSection } from './JobSection';
import { QuestionSetSection } from './QuestionSetSection';
import { selectedKit, useSetupStore } from './store';
import { useMediaPreview } from './useMediaPreview';
import { useStartInterview } from './useStartInterview';

export function SetupScreen() {
  const cameraId = useSetupStore((s) => s.cameraId);
  const microphoneId = useSetupStore((s) => s.microphoneId);
  const { state: preview, devices, retry } = useMediaPreview(cameraId, microphoneId);
  const stream = preview.status === 'ready' ? preview.stream : null;
  const { start, errors, submitError, starting, consent } = useStartInterview(stream, preview.status === 'error');
  const fromKit = useSetupStore((s) => selectedKit(s) !== null);
  const tailored = useTailorStore((s) => s.drafts.length > 0) && !fromKit;
  const aiProcessing = useSetupStore((s) => s.form.aiProcessing);
  const update = useSetupStore((s) => s.update);
  const candidateName = useSetupStore((s) => {
    const list = s.candidates.status === 'ready' ? s.candidates.items : [];
    return list.find((c) => c.id === s.form.candidateId)?.name ?? 'the candidate';
  });

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
          {/* A kit's questions are the kit's: nothing to tailor. */}
          {!fromKit && <TailorSection questionsError={errors.questions} />}
        </div>
        <div className="stack">
          <DevicesSection preview={preview} cameras={devices.cameras} microphones={devices.microphones} onRetry={retry} />
          <AvatarSection />
          <div className="card start-card">
            {errors.media && <p className="field-error">{errors.media}</p>}
            {submitError && <ErrorState message={submitError} />}
            {consent.declined && (
              <p className="consent-declined" role="status" data-testid="consent-declined">
                Nothing was recorded: {candidateName} did not agree to the recording.
              </p>
            )}
            <label className="toggle">
              <input
                type="checkbox"
                data-testid="ai-processing"
                checked={aiProcessing}
                onChange={(e) => update({ aiProcessing: e.target.checked })}
              />
              Use AI for a transcript and scores
            </label>
            <FollowUpsOption />
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
          <ConsentDialog
            terms={consent.terms}
            candidateName={candidateName}
            aiProcessing={aiProcessing}
            onAiProcessing={(on) => update({ aiProcessing: on })}
            onAccept={consent.accept}
            onDecline={consent.decline}
            busy={starting}
          />
        </div>
      </div>
    </div>
  );
}
