import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionDetail } from '../../../../shared/domain/types';
import { Notice } from '../../ui/states';
import { currentQuestionId } from '../../../../shared/domain/timeline';
import { useReviewerStore } from './reviewerStore';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SidePanel } from './SidePanel';
import { PLAYBACK_RATES, useReviewStore } from './store';
import { Timeline } from './Timeline';
import { usePlayerKeys } from './usePlayerKeys';

interface Props {
  detail: SessionDetail;
  src: string;
  /** Played instead when `src` fails, e.g. the MP4 when only it was kept. */
  fallbackSrc: string | null;
  poster: string | null;
  /** Seek here once the video can (a link to a moment, e.g. from search). */
  startMs?: number | null;
}

export function Player({ detail, src, fallbackSrc, poster, startMs = null }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const positionMs = useReviewStore((s) => s.positionMs);
  const setPosition = useReviewStore((s) => s.setPosition);
  const [mediaDurationMs, setMediaDurationMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [useFallback, setUseFallback] = useState(false);
  const durationMs = detail.recording?.durationMs ?? mediaDurationMs ?? detail.session.durationMs ?? 0;
  const currentId = currentQuestionId(detail.questions, positionMs);
  const rate = useReviewStore((s) => s.rate);
  const setRate = useReviewStore((s) => s.setRate);
  const startComment = useReviewStore((s) => s.startComment);
  const setHelpOpen = useReviewStore((s) => s.setHelpOpen);
  const comments = useReviewerStore((s) => s.review?.comments);

  // A new source resets the element's speed; the chosen one stays.
  const applyRate = useCallback(() => {
    if (video.current) video.current.playbackRate = rate;
  }, [rate]);
  useEffect(applyRate, [applyRate]);

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
  // Without playing: the user lands on the moment and decides. Waits for metadata if needed.
  useEffect(() => {
    const player = video.current;
    if (!player || startMs === null) return;
    const apply = () => {
      player.currentTime = startMs / 1000;
      setPosition(startMs);
    };
    if (player.readyState >= HTMLMediaElement.HAVE_METADATA) apply();
    else player.addEventListener('loadedmetadata', apply, { once: true });
    return () => player.removeEventListener('loadedmetadata', apply);
  }, [startMs, setPosition]);

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
            applyRate();
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
            comments={comments ?? []}
            onSeek={seek}
          />
        )}
        <div className="player-toolbar">
          <label className="speed-select">
            Speed
            <select value={rate} data-testid="playback-speed" onChange={(e) => setRate(Number(e.target.value))}>
              {PLAYBACK_RATES.map((r) => (
                <option key={r} value={r}>
                  {r}×
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-small"
            data-testid="comment-here"
            onClick={() => {
              video.current?.pause();
              startComment((video.current?.currentTime ?? 0) * 1000);
            }}
          >
            Comment here <kbd>C</kbd>
          </button>
          <p className="key-hints">
            <kbd>Space</kbd> play/pause · <kbd>J</kbd>
            <kbd>L</kbd> 10 s · <kbd>N</kbd>
            <kbd>P</kbd> questions ·{' '}
            <button type="button" className="link-button" data-testid="shortcuts-open" onClick={() => setHelpOpen(true)}>
              all shortcuts <kbd>?</kbd>
            </button>
          </p>
        </div>
        <ShortcutsDialog />
      </div>
      <SidePanel detail={detail} currentId={currentId} video={video} onSeek={seek} />
    </div>
  );
}
