import { useEffect, useState, type RefObject } from 'react';

/**
 * `select(currentTimeMs)` of a <video>, kept fresh: on every frame while it plays
 * (requestAnimationFrame) and on seeks and time updates while it does not. Re-renders only
 * when the selected value changes, so `select` should return a primitive.
 */
export function usePlaybackValue<T extends string | number | null>(
  video: RefObject<HTMLVideoElement | null> | null,
  select: (ms: number) => T,
  initial: T,
): T {
  const [value, setValue] = useState<T>(initial);

  useEffect(() => {
    const player = video?.current;
    if (!player) return;
    let frame = 0;
    const update = () => setValue(select(player.currentTime * 1000));
    const tick = () => {
      update();
      frame = player.paused || player.ended ? 0 : requestAnimationFrame(tick);
    };
    const start = () => {
      if (frame === 0) frame = requestAnimationFrame(tick);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      update();
    };
    const listeners: [keyof HTMLMediaElementEventMap, () => void][] = [
      ['play', start],
      ['playing', start],
      ['pause', stop],
      ['ended', stop],
      ['seeked', update],
      ['timeupdate', update],
    ];
    for (const [name, listener] of listeners) player.addEventListener(name, listener);
    // The first value, and the loop if the video is already playing.
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      for (const [name, listener] of listeners) player.removeEventListener(name, listener);
    };
  }, [video, select]);

  return value;
}
