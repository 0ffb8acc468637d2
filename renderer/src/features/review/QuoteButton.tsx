import type { Quote } from '../../../../shared/domain/types';
import { formatClock } from '../../lib/format';

/** A quote from the interview; clicking it plays the moment it was said. */
export function QuoteButton({ quote, onSeek }: { quote: Quote; onSeek?: (ms: number) => void }) {
  return (
    <button
      type="button"
      className="quote"
      data-testid="quote"
      data-start-ms={quote.startMs}
      disabled={!onSeek}
      title={onSeek ? `Play from ${formatClock(quote.startMs)}` : undefined}
      onClick={() => onSeek?.(quote.startMs)}
    >
      <span className="quote-text">“{quote.text}”</span>
      <span className="quote-time mono">{formatClock(quote.startMs)}</span>
    </button>
  );
}
