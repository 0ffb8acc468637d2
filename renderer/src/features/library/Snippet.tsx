import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/domain/library';

/** A search snippet with its matched words highlighted; the text is never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(HIGHLIGHT_START);
  return (
    <span className="snippet">
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>;
        const [match = '', rest = ''] = part.split(HIGHLIGHT_END, 2);
        return (
          <span key={i}>
            <mark>{match}</mark>
            {rest}
          </span>
        );
      })}
    </span>
  );
}
