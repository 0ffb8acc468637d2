import { useModalDialog } from '../../ui/useModalDialog';
import { useReviewStore } from './store';
import { PLAYER_SHORTCUTS } from './usePlayerKeys';

/** The player's keyboard shortcuts (opened with ?); Esc or the button closes it. */
export function ShortcutsDialog() {
  const open = useReviewStore((s) => s.helpOpen);
  const setOpen = useReviewStore((s) => s.setHelpOpen);
  const dialog = useModalDialog(open);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog" onClose={() => setOpen(false)}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {PLAYER_SHORTCUTS.map(([keys, action]) => (
          <div key={action + keys.join()} style={{ display: 'contents' }}>
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </dialog>
  );
}
