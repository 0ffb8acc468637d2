import { useEffect, type RefObject } from 'react';
import type { SessionQuestion } from '../../../../shared/domain/types';
import { askedQuestions } from '../../../../shared/domain/timeline';
import { PLAYBACK_RATES, useReviewStore } from './store';

const SEEK_STEP_S = 5;
/** J and L jump further than the arrows, as in most video players. */
const JUMP_STEP_S = 10;
/** P within this of a question's start goes to the one before, as media players do. */
const PREVIOUS_GRACE_MS = 1500;

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** What the shortcuts dialog lists, in this order; the keys below implement each line. */
export const PLAYER_SHORTCUTS: [keys: string[], action: string][] = [
  [['Space'], 'Play / pause'],
  [['K'], 'Play / pause'],
  [['J'], 'Back 10 seconds'],
  [['L'], 'Forward 10 seconds'],
  [['←', '→'], 'Back / forward 5 seconds'],
  [['<', '>'], 'Slower / faster'],
  [['N', 'P'], 'Next / previous question'],
  [['C'], 'Comment at this moment'],
  [['?'], 'Show these shortcuts'],
];

function togglePlay(player: HTMLVideoElement): void {
  if (player.paused) void player.play().catch((error: unknown) => console.error(error));
  else player.pause();
}

/**
 * Space/K = play/pause, J/L = ∓10 s, ←/→ = ∓5 s, </> = speed, N/P = next/previous question,
 * C = comment here, ? = shortcuts. A focused <video> handles Space and the arrows itself, so
 * those are left to it to avoid acting twice; a key a focused control used (stars) is skipped.
 */
export function usePlayerKeys(
  video: RefObject<HTMLVideoElement | null>,
  questions: SessionQuestion[],
  seek: (ms: number) => void,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const player = video.current;
      if (!player || event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // A modal dialog (the shortcuts, another screen's) has the keyboard to itself.
      if (document.querySelector('dialog[open]')) return;
      const onVideo = event.target === player;
      const position = useReviewStore.getState().positionMs;
      const asked = askedQuestions(questions);
      switch (event.key) {
        case ' ':
          if (onVideo) return;
          event.preventDefault();
          togglePlay(player);
          return;
        case 'k':
        case 'K':
          togglePlay(player);
          return;
        case 'j':
        case 'J':
        case 'l':
        case 'L': {
          const step = event.key.toLowerCase() === 'j' ? -JUMP_STEP_S : JUMP_STEP_S;
          const end = Number.isFinite(player.duration) ? player.duration : Infinity;
          player.currentTime = Math.min(end, Math.max(0, player.currentTime + step));
          return;
        }
        case '<':
        case '>': {
          const rates = PLAYBACK_RATES as readonly number[];
          const at = rates.indexOf(useReviewStore.getState().rate);
          const next = rates[Math.min(rates.length - 1, Math.max(0, (at < 0 ? 1 : at) + (event.key === '<' ? -1 : 1)))];
          if (next !== undefined) useReviewStore.getState().setRate(next);
          return;
        }
        case 'c':
        case 'C':
          event.preventDefault();
          player.pause();
          useReviewStore.getState().startComment(player.currentTime * 1000);
          return;
        case '?':
          event.preventDefault();
          useReviewStore.getState().setHelpOpen(true);
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
