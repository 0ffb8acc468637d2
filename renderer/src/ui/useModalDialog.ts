import { useEffect, useRef } from 'react';

/** A <dialog> shown modally while `open` holds (it traps focus; Esc fires its cancel event). */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
