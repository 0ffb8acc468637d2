import { useEffect, type RefObject } from 'react';
import type { SessionQuestion } from '../../../../shared/domain/types';
import { askedQuestions } from '../../../../shared/domain/timeline';
import { useReviewStore } from './store';

const SEEK_STEP_S = 5;
/** P within this of a question's start goes to the one before, as media players do. */
const PREVIOUS_GRACE_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Space = play/pause, ←/→ = seek 5 s, N/P = next/previous question. A focused <video> handles
 * Space and the arrows itself, so those are left to it to avoid acting twice.
 */
export function usePlayerKeys(
  video: RefObject<HTMLVideoElement | null>,
  questions: SessionQuestion[],
  seek: (ms: number) => void,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const player = video.current;
      if (!player || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const onVideo = event.target === player;
      const position = useReviewStore.getState().positionMs;
      const asked = askedQuestions(questions);
      switch (event.key) {
        case ' ':
          if (onVideo) return;
          event.preventDefault();
          if (player.paused) void player.play().catch((error: unknown) => console.error(error));
          else player.pause();
          return;
        case 'ArrowLeft':
        case 'ArrowRight':
          if (onVideo) return;
          event.preventDefault();
          player.currentTime = Math.max(0, player.currentTime + (event.key === 'ArrowLeft' ? -SEEK_STEP_S : SEEK_STEP_S));
          return;
        case 'n':
        case 'N': {
          const next = asked.find((q) => q.askedOffsetMs > position + 250);
          if (next) seek(next.askedOffsetMs);
          return;
        }
        case 'p':
        case 'P': {
          const previous = asked.findLast((q) => q.askedOffsetMs < position - PREVIOUS_GRACE_MS);
          seek(previous?.askedOffsetMs ?? 0);
          return;
        }
      }
    };
    // A focused button would also be "clicked" by Space when the key comes up.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && event.target !== video.current && !isTyping(event.target)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [video, questions, seek]);
}
