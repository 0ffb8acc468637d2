import { useEffect } from 'react';
import type { InterviewController } from './InterviewController';
import { useRoomStore } from './store';

/**
 * Space = start answering / next question, R = retake, P = pause (practice) and Esc = end,
 * anywhere in the room except inside the end dialog. Space
 * is taken over even on a focused button, so that it never also "clicks" Skip or End.
 */
export function useRoomKeys(controller: InterviewController): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (useRoomStore.getState().endDialogOpen) return;
      if (event.key === ' ') {
        event.preventDefault();
        if (!event.repeat) controller.next();
      } else if ((event.key === 'r' || event.key === 'R') && !event.repeat && !event.ctrlKey && !event.metaKey) {
        controller.retake();
      } else if ((event.key === 'p' || event.key === 'P') && !event.repeat && !event.ctrlKey && !event.metaKey) {
        controller.togglePause();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        controller.setEndDialog(true);
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && !useRoomStore.getState().endDialogOpen) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [controller]);
}
