import { consentWording } from '../../../../shared/domain/consent';
import type { SessionDetail } from '../../../../shared/domain/types';
import { formatDate } from '../../lib/format';
import './consent.css';

/** The session page's line on consent and AI: what the candidate agreed to, in full on hover. */
export function ConsentFact({ detail }: { detail: SessionDetail }) {
  const { consent, session } = detail;
  const ai = session.aiProcessing ? 'AI on' : 'AI off';
  if (!consent) {
    // Practice as yourself (or a session from before consent was asked).
    return (
      <div>
        <dt>Consent</dt>
        <dd data-testid="session-consent" data-ai={session.aiProcessing ? 'on' : 'off'}>
          {detail.candidate.isSelf ? `Not needed (practice) · ${ai}` : `Not recorded · ${ai}`}
        </dd>
      </div>
    );
  }
  const wording = consentWording(consent);
  return (
    <div>
      <dt>Consent</dt>
      <dd
        data-testid="session-consent"
        data-ai={session.aiProcessing ? 'on' : 'off'}
        title={[wording.recorded, wording.stored, wording.ai, wording.retention, `Text version ${consent.textVersion}.`].join('\n')}
      >
        Given {formatDate(consent.givenAt)}
        {consent.carriedFromSessionId ? ' (earlier interview)' : ''} · {ai}
      </dd>
    </div>
  );
}
