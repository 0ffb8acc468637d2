import { useState } from 'react';
import { navigate, routes } from '../../app/router';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { trackResolution } from '../../lib/media';
import { draftsAsQuestions, useTailorStore, type Draft } from '../tailor/store';
import { SELF_CANDIDATE, useSetupStore, type SetupForm } from './store';

export interface StartErrors {
  jobTitle: string | null;
  candidate: string | null;
  questionSet: string | null;
  /** The reviewed tailored questions, when there are some. */
  questions: string | null;
  media: string | null;
}

function validate(form: SetupForm, drafts: Draft[], mediaFailed: boolean): StartErrors {
  return {
    jobTitle: form.jobTitle.trim() ? null : 'Enter the job title.',
    candidate: form.candidateId ? null : 'Choose a candidate, or practise as yourself.',
    questionSet: form.questionSetId ? null : 'Choose a question set.',
    questions: drafts.some((d) => !d.text.trim()) ? 'Write or remove the empty questions.' : null,
    media: mediaFailed ? 'The camera and microphone must work before the interview can start.' : null,
  };
}

const NO_ERRORS: StartErrors = { jobTitle: null, candidate: null, questionSet: null, questions: null, media: null };

/**
 * Validates the form, creates the session and opens the interview room. Errors appear after the
 * first attempt to start and then follow the form as it is corrected.
 */
export function useStartInterview(stream: MediaStream | null, mediaFailed: boolean) {
  const form = useSetupStore((s) => s.form);
  const tailor = useTailorStore();
  const [attempted, setAttempted] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const errors = attempted ? validate(form, tailor.drafts, mediaFailed) : NO_ERRORS;

  const start = async () => {
    setAttempted(true);
    setSubmitError(null);
    if (Object.values(validate(form, tailor.drafts, mediaFailed)).some(Boolean)) return;

    setStarting(true);
    try {
      const candidateId =
        form.candidateId === SELF_CANDIDATE ? (await unwrap(api.candidates.ensureSelf())).id : form.candidateId;
      const camera = stream?.getVideoTracks()[0];
      const microphone = stream?.getAudioTracks()[0];
      const detail = await unwrap(
        api.sessions.create({
          candidateId,
          interviewType: form.interviewType,
          mode: form.mode,
          jobTitle: form.jobTitle.trim(),
          company: form.company.trim() || null,
          industry: null,
          experienceLevel: form.experienceLevel || null,
          jobDescription: form.jobDescription.trim() || null,
          resumeFileName: tailor.resumeText.trim() ? tailor.resumeFileName : null,
          resumeText: tailor.resumeText.trim() || null,
          questionSetId: form.questionSetId,
          questions: tailor.drafts.length ? draftsAsQuestions(tailor.drafts) : undefined,
          avatar: form.avatar,
          avatarSettings: form.avatarSettings,
          environment: {
            userAgent: navigator.userAgent,
            camera: camera?.label || null,
            microphone: microphone?.label || null,
            resolution: trackResolution(camera),
          },
        }),
      );
      navigate(routes.room(detail.session.id));
    } catch (error) {
      setSubmitError(describeError(error, 'The interview could not be created.'));
      setStarting(false);
    }
  };

  return { start, errors, submitError, starting };
}
