import { useState } from 'react';
import { CONSENT_TEXT_VERSION, consentCovers, type ConsentTerms } from '../../../../shared/domain/consent';
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
 * Validates the form, asks for the candidate's consent when none on file covers this interview,
 * creates the session and opens the interview room. Errors appear after the first attempt to
 * start and then follow the form as it is corrected.
 */
export function useStartInterview(stream: MediaStream | null, mediaFailed: boolean) {
  const form = useSetupStore((s) => s.form);
  // "Me" is the placeholder until the self candidate exists, then its own id: neither needs consent.
  const practisingAlone = useSetupStore(
    (s) => s.form.candidateId === SELF_CANDIDATE || (s.candidates.status === 'ready' && s.candidates.items.some((c) => c.id === s.form.candidateId && c.isSelf)),
  );
  const tailor = useTailorStore();
  const [attempted, setAttempted] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  /** Set while the consent dialog is open. */
  const [consentTerms, setConsentTerms] = useState<ConsentTerms | null>(null);
  const [declined, setDeclined] = useState(false);
  const errors = attempted ? validate(form, tailor.drafts, mediaFailed) : NO_ERRORS;

  const start = async () => {
    setAttempted(true);
    setSubmitError(null);
    setDeclined(false);
    if (Object.values(validate(form, tailor.drafts, mediaFailed)).some(Boolean)) return;

    setStarting(true);
    try {
      if (!practisingAlone) {
        const terms = await unwrap(api.consent.terms({ candidateId: form.candidateId }));
        const endpoint = form.aiProcessing ? terms.aiEndpoint : null;
        if (!consentCovers(terms.onFile, endpoint)) {
          setConsentTerms(terms);
          setStarting(false);
          return;
        }
      }
      await create(false);
    } catch (error) {
      setSubmitError(describeError(error, 'The interview could not be created.'));
      setStarting(false);
    }
  };

  const create = async (consentGiven: boolean) => {
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
          aiProcessing: form.aiProcessing,
          // Only where the option is offered: practice with AI on.
          followUps: form.followUps && form.mode === 'practice' && form.aiProcessing,
          consent: consentGiven ? { textVersion: CONSENT_TEXT_VERSION } : null,
        }),
      );
      setConsentTerms(null);
      navigate(routes.room(detail.session.id));
    } catch (error) {
      setConsentTerms(null);
      setSubmitError(describeError(error, 'The interview could not be created.'));
      setStarting(false);
    }
  };

  const consent = {
    terms: consentTerms,
    declined,
    accept: () => void create(true),
    // Nothing is created or recorded; the form stays as it was.
    decline: () => {
      setConsentTerms(null);
      setDeclined(true);
    },
  };

  return { start, errors, submitError, starting, consent };
}
