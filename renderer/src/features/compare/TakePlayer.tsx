import { useCallback, useEffect, useRef, useState } from 'react';
import { formatClock, formatSeconds } from '../../lib/format';
import { Notice } from '../../ui/states';

// One take's stretch of the session's recording: the player starts at the take's start, stops at
// its end, and its own bar covers only the take, so the user never wanders into another answer.

interface Props {
  /** Given the element (and null when it goes), for the page's keys. */
  register: (element: HTMLVideoElement | null) => void;
  src: string;
  /** Played instead when `src` fails, e.g. the MP4 when only it was kept. */
  fallbackSrc: string | null;
  poster: string | null;
  startMs: number;
  endMs: number;
  /** For the controls' names: "take 2". */
  name: string;
  /** Called when this player starts, so the other one can stop (two answers at once are noise). */
  onPlay: () => void;
}

/** Plays from the take's start when at (or past) its end, else from where it is. */
export function playTake(player: HTMLVideoElement, startMs: number, endMs: number, fromStart = false): void {
  const at = player.currentTime * 1000;
  if (fromStart || at >= endMs - 50 || at < startMs) player.currentTime = startMs / 1000;
  void player.play().catch((error: unknown) => console.error(error));
}

export function toggleTake(player: HTMLVideoElement, startMs: number, endMs: number): void {
  if (player.paused) playTake(player, startMs, endMs);
  else player.pause();
}

export function TakePlayer({ register, src, fallbackSrc, poster, startMs, endMs, name, onPlay }: Props) {
  const video = useRef<HTMLVideoElement | null>(null);
  const [positionMs, setPositionMs] = useState(startMs);
  const [playing, setPlaying] = useState(false);
  const [useFallback, setUseFallback] = useState(false);
  const [failed, setFailed] = useState(false);
  const frame = useRef(0);
  const lengthMs = Math.max(0, endMs - startMs);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const attach = useCallback(
    (element: HTMLVideoElement | null) => {
      video.current = element;
      register(element);
    },
    [register],
  );

  // timeupdate fires only every ~250 ms; a frame-by-frame check stops at the take's end, not after it.
  const watch = (player: HTMLVideoElement) => {
    const tick = () => {
      const ms = player.currentTime * 1000;
      if (ms >= endMs) {
        player.pause();
        player.currentTime = endMs / 1000;
        setPositionMs(endMs);
        return;
      }
      setPositionMs(ms);
      frame.current = requestAnimationFrame(tick);
    };
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(tick);
  };

  const atEnd = positionMs >= endMs - 50;
  return (
    <div className="take-player">
      <video
        ref={attach}
        className="player-video"
        src={useFallback && fallbackSrc ? fallbackSrc : src}
        poster={poster ?? undefined}
        preload="metadata"
        data-testid="compare-video"
        aria-label={`Video of ${name}`}
        onClick={(e) => toggleTake(e.currentTarget, startMs, endMs)}
        onLoadedMetadata={(e) => {
          e.currentTarget.currentTime = startMs / 1000;
          setPositionMs(startMs);
        }}
        onPlay={(e) => {
          setPlaying(true);
          onPlay();
          watch(e.currentTarget);
        }}
        onPause={(e) => {
          setPlaying(false);
          cancelAnimationFrame(frame.current);
          setPositionMs(e.currentTarget.currentTime * 1000);
        }}
        onSeeked={(e) => {
          // Nothing outside the take: a seek past either end lands on it.
          const player = e.currentTarget;
          const ms = player.currentTime * 1000;
          if (ms < startMs - 1 || ms > endMs + 1) player.currentTime = Math.min(endMs, Math.max(startMs, ms)) / 1000;
          setPositionMs(player.currentTime * 1000);
        }}
        onError={(e) => {
          console.error('video error', e.currentTarget.error);
          if (fallbackSrc && !useFallback) setUseFallback(true);
          else setFailed(true);
        }}
      />
      {failed && <Notice tone="error">The video could not be played. The file may be missing or damaged.</Notice>}
      <div className="take-player-controls">
        <button
          type="button"
          className="btn btn-small take-player-play"
          data-testid="take-play"
          aria-label={`${playing ? 'Pause' : atEnd ? 'Replay' : 'Play'} ${name}`}
          onClick={() => video.current && toggleTake(video.current, startMs, endMs)}
        >
          {playing ? 'Pause' : atEnd ? 'Replay' : 'Play'}
        </button>
        <input
          type="range"
          className="take-player-bar"
          data-testid="take-position"
          aria-label={`Position in ${name}`}
          aria-valuetext={`${formatSeconds(positionMs - startMs)} of ${formatSeconds(lengthMs)}`}
          min={0}
          max={lengthMs}
          step={100}
          value={Math.min(lengthMs, Math.max(0, positionMs - startMs))}
          onChange={(e) => {
            const ms = startMs + Number(e.target.value);
            if (video.current) video.current.currentTime = ms / 1000;
            setPositionMs(ms);
          }}
        />
        <span className="mono take-player-time">
          {formatSeconds(Math.max(0, positionMs - startMs))} / {formatSeconds(lengthMs)}
        </span>
      </div>
      <p className="hint">
        {formatClock(startMs)}–{formatClock(endMs)} of the recording
      </p>
    </div>
  );
}
