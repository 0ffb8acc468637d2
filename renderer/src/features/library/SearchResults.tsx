import { SEARCH_HIT_LABELS, type SearchHit } from '../../../../shared/domain/library';
import { routes } from '../../app/router';
import { formatClock } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Snippet } from './Snippet';
import { useLibraryStore } from './store';

function hitHref(hit: SearchHit): string {
  if (hit.sessionId) return routes.session(hit.sessionId, hit.offsetMs);
  return routes.candidates();
}

export function SearchResults() {
  const search = useLibraryStore((s) => s.search);
  if (search.status === 'error') return <ErrorState message={search.error ?? 'Search failed.'} />;
  if (search.status === 'loading' && search.hits.length === 0) return <LoadingState label="Searching…" />;
  if (search.status === 'ready' && search.hits.length === 0) {
    return (
      <EmptyState title="Nothing found">
        No transcript, question, note, comment, name or position matches “{search.text.trim()}”.
      </EmptyState>
    );
  }
  return (
    <ol className="search-results" aria-label="Search results" aria-busy={search.status === 'loading'}>
      {search.hits.map((hit, i) => (
        <li key={`${hit.kind}-${hit.sessionId ?? hit.candidateId}-${i}`}>
          <a className="search-hit" href={hitHref(hit)} data-testid="search-hit" data-kind={hit.kind}>
            <span className="search-hit-meta">
              <span className={`search-kind search-kind-${hit.kind}`}>{SEARCH_HIT_LABELS[hit.kind]}</span>
              <span className="search-hit-who">
                {hit.candidateName ?? 'Unknown candidate'}
                {hit.jobTitle ? ` · ${hit.jobTitle}` : ''}
              </span>
              {hit.offsetMs !== null && <span className="search-hit-time">at {formatClock(hit.offsetMs)}</span>}
            </span>
            <Snippet text={hit.snippet} />
          </a>
        </li>
      ))}
    </ol>
  );
}
