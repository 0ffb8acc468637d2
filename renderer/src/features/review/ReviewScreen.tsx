import { useEffect } from 'react';
import { useInfoStore } from '../../app/infoStore';
import { api } from '../../lib/api';
import { ErrorState, LoadingState, Notice } from '../../ui/states';
import { EventList } from './EventList';
import { NotPlayable } from './NotPlayable';
import { Player } from './Player';
import { QuestionList } from './QuestionList';
import { SessionHeader } from './SessionHeader';
import { useReviewStore } from './store';

export function ReviewScreen({ sessionId }: { sessionId: string }) {
  const status = useReviewStore((s) => s.status);
  const detail = useReviewStore((s) => s.detail);
  const error = useReviewStore((s) => s.error);
  const load = useReviewStore((s) => s.load);
  const applyRecording = useReviewStore((s) => s.applyRecording);
  const info = useInfoStore((s) => s.info);

  useEffect(() => {
    void load(sessionId);
    return api.recording.onUpdated(applyRecording);
  }, [sessionId, load, applyRecording]);

  if (status === 'loading' || !detail) {
    return status === 'error' ? (
      <ErrorState message={error ?? 'Could not load this interview.'} onRetry={() => void load(sessionId)} />
    ) : (
      <LoadingState label="Loading the interview…" />
    );
  }

  const { recording } = detail;
  return (
    <div className="page review">
      <SessionHeader detail={detail} />
      {status === 'error' && error && <Notice tone="error">{error}</Notice>}
      {recording?.status === 'finalized' && info ? (
        <Player key={recording.path} detail={detail} src={info.mediaBaseUrl + recording.path} />
      ) : (
        <div className="player-layout">
          <div>
            {recording ? (
              recording.status === 'finalized' ? (
                <LoadingState label="Loading the video…" />
              ) : (
                <NotPlayable recording={recording} />
              )
            ) : (
              <Notice tone="info">This interview has no recording.</Notice>
            )}
          </div>
          <aside className="card player-questions">
            <h2>Questions</h2>
            <QuestionList questions={detail.questions} currentId={null} />
          </aside>
        </div>
      )}
      <EventList events={detail.events} />
    </div>
  );
}
