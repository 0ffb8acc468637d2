import { useModalDialog } from '../../ui/useModalDialog';
import type { InterviewController } from './InterviewController';
import { useRoomStore } from './store';

/** A modal <dialog>: it traps focus and turns Esc into "keep going" on its own. */
export function EndDialog({ controller }: { controller: InterviewController }) {
  const open = useRoomStore((s) => s.endDialogOpen);
  const dialog = useModalDialog(open);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="end-title"
      data-testid="end-dialog"
      onClose={() => controller.setEndDialog(false)}
    >
      <h2 id="end-title">End the interview?</h2>
      <p>The recording stops and is saved either way.</p>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="end-completed"
          onClick={() => void controller.finish('completed', true)}
        >
          Save as completed
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="end-cancelled"
          onClick={() => void controller.finish('cancelled', true)}
        >
          Discard as cancelled
        </button>
        <button type="button" className="btn btn-ghost" autoFocus onClick={() => controller.setEndDialog(false)}>
          Keep going
        </button>
      </div>
    </dialog>
  );
}
