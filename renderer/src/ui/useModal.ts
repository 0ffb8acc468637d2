import { useEffect, type RefObject } from 'react';

/** A modal <dialog> bound to `open`: showModal traps focus, and Esc closes it (its onClose follows). */
export function useModal(open: boolean, dialog: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open, dialog]);
}
