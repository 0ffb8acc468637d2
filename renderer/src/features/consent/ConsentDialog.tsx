import { consentWording, type ConsentTerms } from '../../../../shared/domain/consent';
import { useModalDialog } from '../../ui/useModalDialog';
import './consent.css';

interface Props {
  /** Open while set. */
  terms: ConsentTerms | null;
  candidateName: string;
  aiProcessing: boolean;
  onAiProcessing: (on: boolean) => void;
  onAccept: () => void;
  onDecline: () => void;
  busy: boolean;
}

/**
 * Before the first recording of a candidate: what is recorded, where it is kept, whether AI is
 * used (and where to), and for how long. A modal <dialog>; Esc declines.
 */
export function ConsentDialog({ terms, candidateName, aiProcessing, onAiProcessing, onAccept, onDecline, busy }: Props) {
  const dialog = useModalDialog(terms !== null);

  const aiAvailable = terms?.aiEndpoint != null;
  const wording = terms && consentWording({ ...terms, aiEndpoint: aiProcessing ? terms.aiEndpoint : null });

  return (
    <dialog
      ref={dialog}
      className="dialog consent-dialog"
      aria-labelledby="consent-title"
      aria-describedby="consent-intro"
      data-testid="consent-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onDecline();
      }}
    >
      <h2 id="consent-title">Consent to record {candidateName}</h2>
      <p id="consent-intro">Read this with the candidate. Recording starts only after they agree.</p>
      {wording && (
        <dl className="consent-terms">
          <div>
            <dt>What is recorded</dt>
            <dd>{wording.recorded}</dd>
          </div>
          <div>
            <dt>Where it is stored</dt>
            <dd data-testid="consent-stored">{wording.stored}</dd>
          </div>
          <div>
            <dt>AI</dt>
            <dd data-testid="consent-ai">{wording.ai}</dd>
          </div>
          <div>
            <dt>How long</dt>
            <dd data-testid="consent-retention">{wording.retention}</dd>
          </div>
        </dl>
      )}
      {aiAvailable && (
        <label className="toggle consent-ai-toggle">
          <input
            type="checkbox"
            data-testid="consent-ai-toggle"
            checked={aiProcessing}
            onChange={(e) => onAiProcessing(e.target.checked)}
          />
          Use AI for a transcript and scores of this interview
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" data-testid="consent-accept" disabled={busy} onClick={onAccept}>
          They agree — start recording
        </button>
        <button type="button" className="btn btn-ghost" data-testid="consent-decline" disabled={busy} onClick={onDecline}>
          They do not agree
        </button>
      </div>
    </dialog>
  );
}
