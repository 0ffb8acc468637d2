import { useCallback, useRef, useState } from 'react';
import type { SessionDetail } from '../../../../shared/domain/types';
import { Notice } from '../../ui/states';
import { currentQuestionId } from '../../../../shared/domain/timeline';
import { SidePanel } from './SidePanel';
import { useReviewStore } from './store';
import { Timeline } from './Timeline';
import { usePlayerKeys } from './usePlayerKeys';

interface Props {
  detail: SessionDetail;
  src: string;
  /** Played instead when `src` fails, e.g. the MP4 when only it was kept. */
  fallbackSrc: string | null;
  poster: string | null;
}

export function Player({ detail, src, fallbackSrc, poster }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const positionMs = useReviewStore((s) => s.positionMs);
  const setPosition = useReviewStore((s) => s.setPosition);
  const [mediaDurationMs, setMediaDurationMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [useFallback, setUseFallback] = useState(false);
  const durationMs = detail.recording?.durationMs ?? mediaDurationMs ?? detail.session.durationMs ?? 0;
  const currentId = currentQuestionId(detail.questions, positionMs);

  const seek = useCallback(
    (ms: number) => {
      const player = video.current;
      if (!player) return;
      player.currentTime = ms / 1000;
      setPosition(ms);
      void player.play().catch((error: unknown) => console.error(error));
    },
    [setPosition],
  );
  usePlayerKeys(video, detail.questions, seek);

  return (
    <div className="player-layout">
      <div className="player">
        <video
          ref={video}
          className="player-video"
          src={useFallback && fallbackSrc ? fallbackSrc : src}
          poster={poster ?? undefined}
          controls
          preload="metadata"
          data-testid="recording-video"
          onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime * 1000)}
          onSeeked={(e) => setPosition(e.currentTarget.currentTime * 1000)}
          onLoadedMetadata={(e) => {
            const seconds = e.currentTarget.duration;
            if (Number.isFinite(seconds)) setMediaDurationMs(seconds * 1000);
          }}
          onError={(e) => {
            console.error('video error', e.currentTarget.error);
            if (fallbackSrc && !useFallback) setUseFallback(true);
            else setFailed(true);
          }}
        />
        {failed && <Notice tone="error">The video could not be played. The file may be missing or damaged.</Notice>}
        {durationMs > 0 && (
          <Timeline
            questions={detail.questions}
            durationMs={durationMs}
            positionMs={positionMs}
            currentId={currentId}
            onSeek={seek}
          />
        )}
        <p className="key-hints">
          <kbd>Space</kbd> play/pause · <kbd>←</kbd>
          <kbd>→</kbd> 5 s · <kbd>N</kbd>
          <kbd>P</kbd> next/previous question
        </p>
      </div>
      <SidePanel detail={detail} currentId={currentId} video={video} onSeek={seek} />
    </div>
  );
}
