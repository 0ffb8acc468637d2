import { useEffect } from 'react';
import { useInfoStore } from '../../app/infoStore';
import { api } from '../../lib/api';
import { ErrorState, LoadingState, Notice } from '../../ui/states';
import { DeliveryCard } from './DeliveryCard';
import { EventList } from './EventList';
import { NotPlayable } from './NotPlayable';
import { Player } from './Player';
import { ProcessingCard } from './ProcessingCard';
import { useProcessingStore } from './processingStore';
import { useReviewerStore } from './reviewerStore';
import { SessionHeader } from './SessionHeader';
import { SidePanel } from './SidePanel';
import { useReviewStore } from './store';

/** `startMs`: where to start playing (a search hit's moment), from the route. */
export function ReviewScreen({ sessionId, startMs = null }: { sessionId: string; startMs?: number | null }) {
  const status = useReviewStore((s) => s.status);
  const detail = useReviewStore((s) => s.detail);
  const error = useReviewStore((s) => s.error);
  const load = useReviewStore((s) => s.load);
  const applyRecording = useReviewStore((s) => s.applyRecording);
  const info = useInfoStore((s) => s.info);
  const media = useProcessingStore((s) => s.processing?.media);
  const loadProcessing = useProcessingStore((s) => s.load);
  const refreshProcessing = useProcessingStore((s) => s.refresh);
  const applyJob = useProcessingStore((s) => s.applyJob);
  const applyProgress = useProcessingStore((s) => s.applyProgress);
  const loadReview = useReviewerStore((s) => s.load);

  useEffect(() => {
    void load(sessionId);
    void loadProcessing(sessionId);
    void loadReview(sessionId);
    const unsubscribers = [
      api.recording.onUpdated((recording) => {
        applyRecording(recording);
        // A finalized recording changes the first stage and queues the next steps.
        if (recording.sessionId === sessionId) void refreshProcessing();
      }),
      api.jobs.onUpdated(applyJob),
      api.jobs.onProgress(applyProgress),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [sessionId, load, applyRecording, loadProcessing, loadReview, refreshProcessing, applyJob, applyProgress]);

  if (status === 'loading' || !detail) {
    return status === 'error' ? (
      <ErrorState message={error ?? 'Could not load this interview.'} onRetry={() => void load(sessionId)} />
    ) : (
      <LoadingState label="Loading the interview…" />
    );
  }

  const { recording } = detail;
  const mediaUrl = (kind: 'thumbnail' | 'mp4') => {
    const file = media?.find((m) => m.kind === kind);
    return file && info ? info.mediaBaseUrl + file.path : null;
  };
  return (
    <div className="page review">
      <SessionHeader detail={detail} />
      {status === 'error' && error && <Notice tone="error">{error}</Notice>}
      {recording?.status === 'finalized' && info ? (
        <Player
          detail={detail}
          src={info.mediaBaseUrl + recording.path}
          fallbackSrc={mediaUrl('mp4')}
          poster={mediaUrl('thumbnail')}
          startMs={startMs}
        />
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
          <SidePanel detail={detail} currentId={null} />
        </div>
      )}
      <div className="review-columns">
        <ProcessingCard />
        <DeliveryCard questions={detail.questions} />
      </div>
      <EventList events={detail.events} />
    </div>
  );
}
