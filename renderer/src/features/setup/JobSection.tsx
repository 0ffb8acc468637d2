import {
  EXPERIENCE_LEVELS,
  INTERVIEW_TYPES,
  INTERVIEW_TYPE_LABELS,
  MODE_LABELS,
  SESSION_MODES,
  type ExperienceLevel,
  type InterviewType,
} from '../../../../shared/domain/enums';
import { selectedKit, useSetupStore } from './store';

const LEVEL_LABELS: Record<ExperienceLevel, string> = {
  intern: 'Intern',
  entry: 'Entry level',
  mid: 'Mid level',
  senior: 'Senior',
  lead: 'Lead',
  executive: 'Executive',
};

export function JobSection({ jobTitleError }: { jobTitleError: string | null }) {
  const form = useSetupStore((s) => s.form);
  const update = useSetupStore((s) => s.update);
  // A kit's interview is set by the kit; the fields show what it says.
  const locked = useSetupStore((s) => selectedKit(s) !== null);

  return (
    <section className="card" aria-labelledby="job-heading">
      <h2 id="job-heading">Interview</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="interview-type">Interview type</label>
          <select
            id="interview-type"
            data-testid="interview-type"
            value={form.interviewType}
            disabled={locked}
            onChange={(e) => update({ interviewType: e.target.value as InterviewType })}
          >
            {INTERVIEW_TYPES.map((type) => (
              <option key={type} value={type}>
                {INTERVIEW_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>Mode</legend>
          <div className="segmented">
            {SESSION_MODES.map((mode) => (
              <label key={mode} className={form.mode === mode ? 'selected' : undefined}>
                <input
                  type="radio"
                  name="mode"
                  value={mode}
                  checked={form.mode === mode}
                  disabled={locked}
                  onChange={() => update({ mode })}
                />
                {MODE_LABELS[mode]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="job-title">Job title</label>
          <input
            id="job-title"
            data-testid="job-title"
            value={form.jobTitle}
            disabled={locked}
            maxLength={200}
            placeholder="e.g. Product designer"
            aria-invalid={jobTitleError ? true : undefined}
            aria-describedby={jobTitleError ? 'job-title-error' : undefined}
            onChange={(e) => update({ jobTitle: e.target.value })}
          />
          {jobTitleError && (
            <p id="job-title-error" className="field-error">
              {jobTitleError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="company">
            Company <span className="optional">optional</span>
          </label>
          <input
            id="company"
            value={form.company}
            disabled={locked}
            maxLength={200}
            onChange={(e) => update({ company: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="experience-level">
            Experience level <span className="optional">optional</span>
          </label>
          <select
            id="experience-level"
            value={form.experienceLevel}
            onChange={(e) => update({ experienceLevel: e.target.value as ExperienceLevel | '' })}
          >
            <option value="">Not specified</option>
            {EXPERIENCE_LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}
