import { useEffect, useRef, useState } from 'react';
import type { LibraryRow } from '../../../../shared/domain/library';
import { routes } from '../../app/router';
import { formatDate } from '../../lib/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { LibraryFilters } from './LibraryFilters';
import { LibraryList } from './LibraryList';
import { SearchResults } from './SearchResults';
import { LibraryActions } from '../export/ImportDialog';
import { useLibraryStore } from './store';
import './library.css';

export function LibraryScreen() {
  const status = useLibraryStore((s) => s.status);
  const total = useLibraryStore((s) => s.total);
  const error = useLibraryStore((s) => s.error);
  const filters = useLibraryStore((s) => s.filters);
  const reload = useLibraryStore((s) => s.reload);
  const searchText = useLibraryStore((s) => s.search.text);
  const setSearch = useLibraryStore((s) => s.setSearch);
  const deleteSession = useLibraryStore((s) => s.deleteSession);
  const [deleting, setDeleting] = useState<LibraryRow | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const filtered = Object.values(filters).some((v) => v != null);
  const searching = searchText.trim() !== '';

  useEffect(() => {
    void reload();
  }, [reload]);
  // "/" or Ctrl+K jumps to the search box from anywhere on the page, as in most desktop apps.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if ((e.key === '/' && !typing) || (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const empty = status === 'ready' && total === 0 && !filtered;
  return (
    <div className="page library">
      <div className="page-header">
        <div>
          <h1>Sessions</h1>
          <p className="muted">
            {status === 'ready' && total > 0
              ? `${total.toLocaleString()} interview${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ' on this computer'}.`
              : 'Every interview recorded on this computer.'}
          </p>
        </div>
        <div className="header-actions">
          <LibraryActions hasSessions={!empty} onImported={() => void reload()} />
          {!empty && (
            <a className="btn btn-primary" href={routes.setup()}>
              New interview
            </a>
          )}
        </div>
      </div>
      {!empty && (
        <div className="library-search">
          <input
            ref={searchBox}
            type="search"
            className="library-search-input"
            placeholder="Search transcripts, questions, notes, comments, names, positions…   ( / )"
            aria-label="Search"
            value={searchText}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setSearch('');
            }}
            data-testid="library-search"
          />
        </div>
      )}
      {searching ? (
        <SearchResults />
      ) : (
        <>
          {!empty && <LibraryFilters />}
          {status === 'loading' && <LoadingState label="Loading interviews…" />}
          {status === 'error' && <ErrorState message={error ?? 'Could not load the interviews.'} onRetry={() => void reload()} />}
          {empty && (
            <EmptyState
              title="No interviews yet"
              action={
                <a className="btn btn-primary btn-large" href={routes.setup()} data-testid="start-first">
                  Start your first interview
                </a>
              }
            >
              Record a practice interview with yourself, or interview a candidate. Everything stays on this computer.
            </EmptyState>
          )}
          {status === 'ready' && total === 0 && filtered && <EmptyState title="No interview matches these filters" />}
          {status === 'ready' && total > 0 && <LibraryList onDelete={setDeleting} />}
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this interview?"
          confirmLabel="Delete interview"
          busyLabel="Deleting…"
          onConfirm={() => deleteSession(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          The interview of <strong>{deleting.candidateName}</strong> on {formatDate(deleting.date)}, with its recording, transcript,
          scores and review, will be removed from this computer. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
