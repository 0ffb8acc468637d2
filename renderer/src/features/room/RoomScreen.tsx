import { useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS } from '../../../../shared/domain/enums';
import type { SessionQuestion } from '../../../../shared/domain/types';
import { routes } from '../../app/router';
import { ErrorState, LoadingState, Notice, Spinner } from '../../ui/states';
import { useSetupStore } from '../setup/store';
import { AnswerBar } from './AnswerBar';
import { EndDialog } from './EndDialog';
import { InterviewController } from './InterviewController';
import { RecIndicator } from './RecIndicator';
import { Stage } from './Stage';
import { isLive, useRoomStore } from './store';
import { useRoomKeys } from './useRoomKeys';

function useController(sessionId: string): InterviewController {
  const [controller] = useState(() => {
    const { cameraId, microphoneId } = useSetupStore.getState();
    return new InterviewController(sessionId, { cameraId, microphoneId });
  });
  useEffect(() => {
    void controller.open();
    return () => controller.dispose();
  }, [controller]);
  return controller;
}

function Blocked({ controller }: { controller: InterviewController }) {
  const message = useRoomStore((s) => s.message);
  const deviceMissing = useRoomStore((s) => s.deviceMissing);
  return (
    <div className="card room-ended" data-testid="room-blocked">
      <Notice tone="error">{message}</Notice>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void controller.connect(false)}>
          Try again
        </button>
        {deviceMissing && (
          <button type="button" className="btn" onClick={() => void controller.connect(true)}>
            Use default devices
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => void controller.cancelBeforeRecording()}>
          Cancel interview
        </button>
      </div>
    </div>
  );
}

function Ended({ sessionId, tone }: { sessionId: string; tone: 'warning' | 'error' }) {
  const message = useRoomStore((s) => s.message);
  return (
    <div className="card room-ended" data-testid="room-stopped">
      <Notice tone={tone}>{message}</Notice>
      <div className="row">
        <a className="btn btn-primary" href={routes.session(sessionId)}>
          Open the session
        </a>
        <a className="btn" href={routes.library()}>
          All sessions
        </a>
      </div>
    </div>
  );
}

function Saving() {
  return (
    <div className="saving" data-testid="saving" role="status">
      <Spinner size="lg" />
      <p>Saving your recording…</p>
      <p className="muted">This can take a few seconds.</p>
    </div>
  );
}

function Warnings() {
  const warnings = useRoomStore((s) => s.warnings);
  if (warnings.length === 0) return null;
  return (
    <div className="room-warnings">
      {warnings.map((warning, i) => (
        <Notice key={i} tone="warning">
          {warning}
        </Notice>
      ))}
    </div>
  );
}

/** The question set's instructions, as the session copied them. */
function Instructions() {
  const instructions = useRoomStore((s) => s.detail?.session.instructions);
  if (!instructions) return null;
  return (
    <p className="room-instructions" data-testid="room-instructions">
      {instructions}
    </p>
  );
}

/** Counts the session's own questions; a follow-up is named after the one it follows. */
function QuestionCount({ questions, index }: { questions: SessionQuestion[]; index: number }) {
  const own = questions.filter((q) => q.followUpOf === null);
  const current = questions[index];
  const number = own.findIndex((q) => q.id === (current?.followUpOf ?? current?.id)) + 1;
  return (
    <span className="question-count" data-testid="question-count">
      {current?.followUpOf ? `Follow-up to question ${number} of ${own.length}` : `Question ${number} of ${own.length}`}
    </span>
  );
}

function RoomHeader({ controller }: { controller: InterviewController }) {
  const detail = useRoomStore((s) => s.detail);
  const index = useRoomStore((s) => s.index);
  const phase = useRoomStore((s) => s.phase);
  const live = isLive(phase);
  return (
    <div className="room-header">
      <div>
        <h1>{detail ? `${INTERVIEW_TYPE_LABELS[detail.session.interviewType]} interview` : 'Interview'}</h1>
        {detail && (
          <p className="muted">
            {detail.candidate.name} · {detail.session.jobTitle}
            {detail.session.company ? ` at ${detail.session.company}` : ''}
          </p>
        )}
      </div>
      <div className="room-header-right">
        {live && detail && <QuestionCount questions={detail.questions} index={index} />}
        <RecIndicator />
        {live && (
          <button
            type="button"
            className="btn btn-danger-outline"
            data-testid="end-interview"
            onClick={() => controller.setEndDialog(true)}
          >
            End interview
          </button>
        )}
      </div>
    </div>
  );
}

export function RoomScreen({ sessionId }: { sessionId: string }) {
  const controller = useController(sessionId);
  const phase = useRoomStore((s) => s.phase);
  const message = useRoomStore((s) => s.message);
  const loaded = useRoomStore((s) => s.detail !== null);
  useRoomKeys(controller);

  return (
    <div className="page room">
      <RoomHeader controller={controller} />
      <Warnings />
      {phase === 'loading' && <LoadingState label="Opening the interview…" />}
      {phase === 'unavailable' &&
        (loaded ? (
          <Ended sessionId={sessionId} tone="error" />
        ) : (
          <ErrorState message={message ?? 'This interview cannot be opened.'} />
        ))}
      {phase === 'connecting' && <LoadingState label="Starting the camera and the recording…" />}
      {phase === 'blocked' && <Blocked controller={controller} />}
      {isLive(phase) && (
        <>
          <Instructions />
          <Stage />
          <AnswerBar controller={controller} />
        </>
      )}
      {phase === 'saving' && <Saving />}
      {phase === 'stopped' && <Ended sessionId={sessionId} tone="warning" />}
      {phase === 'failed' && <Ended sessionId={sessionId} tone="error" />}
      <EndDialog controller={controller} />
    </div>
  );
}
