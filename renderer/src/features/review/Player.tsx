import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
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

/** Where to go once the source can seek, and whether to play from there. */
interface PendingSeek {
  ms: number;
  play: boolean;
}

export function Player({ detail, src, fallbackSrc, poster, startMs = null }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const positionMs = useReviewStore((s) => s.positionMs);
  const setPosition = useReviewStore((s) => s.setPosition);
  const [mediaDurationMs, setMediaDurationMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [useFallback, setUseFallback] = useState(false);
  // Processing can swap the recording's file (WebM → MP4) under a playing video: a new file gets
  // its own chance and its own fallback.
  const [sourceOf, setSourceOf] = useState(src);
  if (sourceOf !== src) {
    setSourceOf(src);
    setFailed(false);
    setUseFallback(false);
  }
  const playedSrc = useFallback && fallbackSrc ? fallbackSrc : src;
  // A seek asked for while the source loads (or carried over from the previous source) waits
  // here: setting currentTime before the metadata is known is lost when the load completes.
  const pending = useRef<PendingSeek | null>(null);
  // The element pauses itself without a pause event when its source changes, so the last
  // state the user saw is kept from the play/pause events.
  const playing = useRef(false);
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

  const goTo = useCallback(
    (player: HTMLVideoElement, target: PendingSeek) => {
      setPosition(target.ms);
      if (player.readyState < HTMLMediaElement.HAVE_METADATA) {
        pending.current = target;
        return;
      }
      pending.current = null;
      player.currentTime = target.ms / 1000;
      if (target.play) void player.play().catch((error: unknown) => console.error(error));
    },
    [setPosition],
  );
  const seek = useCallback(
    (ms: number) => {
      if (video.current) goTo(video.current, { ms, play: true });
    },
    [goTo],
  );
  usePlayerKeys(video, detail.questions, seek);

  // Runs after React set the new src and before the element's queued events (timeupdate at 0)
  // can overwrite the position the user was at.
  const shownSrc = useRef(playedSrc);
  useLayoutEffect(() => {
    if (shownSrc.current === playedSrc) return;
    shownSrc.current = playedSrc;
    pending.current ??= { ms: useReviewStore.getState().positionMs, play: playing.current };
  }, [playedSrc]);

  // Without playing: the user lands on the moment and decides.
  useEffect(() => {
    if (video.current && startMs !== null) goTo(video.current, { ms: startMs, play: false });
  }, [startMs, goTo]);

  const track = (player: HTMLVideoElement) => {
    if (pending.current === null) setPosition(player.currentTime * 1000);
  };
  return (
    <div className="player-layout">
      <div className="player">
        <video
          ref={video}
          className="player-video"
          src={playedSrc}
          poster={poster ?? undefined}
          controls
          preload="metadata"
          data-testid="recording-video"
          onTimeUpdate={(e) => track(e.currentTarget)}
          onSeeked={(e) => track(e.currentTarget)}
          onPlay={() => (playing.current = true)}
          onPause={() => (playing.current = false)}
          onLoadedMetadata={(e) => {
            const player = e.currentTarget;
            applyRate();
            if (Number.isFinite(player.duration)) setMediaDurationMs(player.duration * 1000);
            if (pending.current) goTo(player, pending.current);
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
