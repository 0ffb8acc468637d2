import { useRef, type KeyboardEvent } from 'react';

interface Props {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
  size?: 'sm' | 'md';
  testId?: string;
}

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Five stars as a radio group: Tab reaches it once, arrows (or 1-5) pick, Delete/0 clears, and
 * a click on the chosen star takes the rating back. Keys it handles go no further (the player's
 * arrow keys would seek otherwise).
 */
export function StarRating({ label, value, onChange, disabled = false, size = 'md', testId }: Props) {
  const group = useRef<HTMLDivElement>(null);
  const pick = (next: number | null) => {
    onChange(next);
    const focusOn = next ?? 1;
    group.current?.querySelector<HTMLButtonElement>(`[data-star="${focusOn}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const current = value ?? 0;
    let next: number | null | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = Math.min(5, current + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = current <= 1 ? null : current - 1;
    else if (event.key === 'Home') next = 1;
    else if (event.key === 'End') next = 5;
    else if (/^[1-5]$/.test(event.key)) next = Number(event.key);
    else if (event.key === '0' || event.key === 'Delete' || event.key === 'Backspace') next = null;
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    if (next !== value) pick(next);
  };
  return (
    <div
      ref={group}
      role="radiogroup"
      aria-label={label}
      aria-disabled={disabled || undefined}
      className={`stars stars-${size}`}
      data-testid={testId}
      data-value={value ?? ''}
      onKeyDown={disabled ? undefined : onKeyDown}
    >
      {STARS.map((star) => (
        <button
          key={star}
          type="button"
          role="radio"
          aria-checked={value === star}
          aria-label={`${star} star${star === 1 ? '' : 's'}`}
          title={value === star ? 'Click again to clear' : `${star} of 5`}
          data-star={star}
          className={`star ${value !== null && star <= value ? 'on' : ''}`}
          // One stop in the tab order: the chosen star, or the first.
          tabIndex={star === (value ?? 1) ? 0 : -1}
          disabled={disabled}
          onClick={() => pick(value === star ? null : star)}
        >
          ★
        </button>
      ))}
    </div>
  );
}
