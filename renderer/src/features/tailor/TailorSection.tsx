import { useEffect } from 'react';
import { routes } from '../../app/router';
import { useAiEnabled } from '../../lib/useAiEnabled';
import { Notice, Spinner } from '../../ui/states';
import { useSetupStore } from '../setup/store';
import { DraftList } from './DraftList';
import { DocumentField } from './DocumentField';
import { QUESTION_COUNTS, useTailorStore } from './store';
import './tailor.css';

function AiMissing() {
  return (
    <Notice tone="info">
      <span data-testid="tailor-ai-missing">
        Writing tailored questions needs AI. <a href={routes.settings()}>Set up AI in Settings</a>, or use one of the
        built-in question sets.
      </span>
    </Notice>
  );
}

export function TailorSection({ questionsError }: { questionsError: string | null }) {
  const tailor = useTailorStore();
  const jobDescription = useSetupStore((s) => s.form.jobDescription);
  const update = useSetupStore((s) => s.update);
  const aiEnabled = useAiEnabled();
  const running = tailor.generation.status === 'running';
  const hasInput = Boolean(jobDescription.trim() || tailor.resumeText.trim());
  const count = tailor.drafts.length;

  // Esc stops a request that is taking too long, as the Cancel button does.
  useEffect(() => {
    if (!running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') tailor.cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, tailor]);

  return (
    <section
      className="card tailor"
      aria-labelledby="tailor-heading"
      data-testid="tailor-section"
      onKeyDown={(e) => {
        // Ctrl+Enter (⌘+Enter) in the resume or the job description writes the questions.
        if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || running || !hasInput || aiEnabled === false) return;
        if (!(e.target instanceof HTMLTextAreaElement) || e.target.closest('.tailor-drafts')) return;
        e.preventDefault();
        void tailor.generate();
      }}
    >
      <div>
        <h2 id="tailor-heading">Tailor questions to a resume and job</h2>
        <p className="hint">
          Import the resume and the job posting (PDF, DOCX or TXT) or paste them. AI writes questions about both, and
          you review them before you start.
        </p>
      </div>
      <DocumentField
        id="resume"
        label="Resume"
        placeholder="Paste the resume, or drop a PDF, DOCX or TXT file here."
        value={tailor.resumeText}
        fileName={tailor.resumeFileName}
        reading={tailor.resumeReading}
        onChange={tailor.setResumeText}
        onFile={(file) => void tailor.importResume(file)}
        onClear={tailor.clearResume}
      />
      <DocumentField
        id="job-description"
        label="Job description"
        placeholder="Paste the job posting, or drop a file here. It is kept with the interview."
        value={jobDescription}
        fileName={null}
        reading={tailor.jobReading}
        onChange={(text) => update({ jobDescription: text })}
        onFile={(file) => void tailor.importJob(file)}
        onClear={() => update({ jobDescription: '' })}
      />
      {aiEnabled === false ? (
        <AiMissing />
      ) : (
        <div className="row wrap tailor-generate">
          <label className="tailor-count">
            Questions
            <select value={tailor.count} disabled={running} onChange={(e) => tailor.setCount(Number(e.target.value))}>
              {QUESTION_COUNTS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="tailor-generate"
            disabled={running || !hasInput}
            title={hasInput ? undefined : 'Add a resume or a job description first.'}
            onClick={() => void tailor.generate()}
          >
            {running && <Spinner size="sm" />}
            {running ? 'Writing questions…' : count ? 'Write new questions' : 'Write questions'}
          </button>
          {running && (
            <button type="button" className="btn" data-testid="tailor-cancel" onClick={tailor.cancel}>
              Cancel <kbd>Esc</kbd>
            </button>
          )}
          {!hasInput && !running && <span className="hint">Add a resume or a job description first.</span>}
          {hasInput && !running && (
            <span className="hint">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> in either box
            </span>
          )}
        </div>
      )}
      {running && (
        <div className="tailor-progress" role="status">
          <div className="tailor-progress-bar" />
          <span className="hint">The AI service is reading the resume and the job; this can take up to a minute.</span>
        </div>
      )}
      {tailor.generation.status === 'error' &&
        (tailor.generation.notConfigured ? (
          <AiMissing />
        ) : (
          <Notice tone="error">
            <span data-testid="tailor-error">{tailor.generation.message}</span>
          </Notice>
        ))}
      {count > 0 && (
        <>
          <div className="tailor-drafts-head">
            <strong data-testid="tailor-using">
              The interview uses these {count} question{count === 1 ? '' : 's'} instead of a question set.
            </strong>
            <button type="button" className="btn btn-small btn-ghost" onClick={tailor.discard} data-testid="tailor-discard">
              Use a question set instead
            </button>
          </div>
          <DraftList error={questionsError} />
        </>
      )}
    </section>
  );
}
