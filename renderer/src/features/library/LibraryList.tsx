import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { LibraryRow, LibrarySort } from '../../../../shared/domain/library';
import { PAGE_SIZE, useLibraryStore } from './store';
import { PlaceholderRow, SessionRow } from './SessionRow';

export const ROW_HEIGHT = 64;

const COLUMNS: { sort: LibrarySort | null; label: string }[] = [
  { sort: null, label: '' },
  { sort: 'candidate', label: 'Candidate' },
  { sort: 'type', label: 'Type' },
  { sort: 'date', label: 'Date' },
  { sort: 'duration', label: 'Duration' },
  { sort: 'status', label: 'Status' },
  { sort: 'score', label: 'Score' },
  { sort: 'decision', label: 'Decision' },
];

function SortHeader() {
  const sort = useLibraryStore((s) => s.sort);
  const dir = useLibraryStore((s) => s.dir);
  const setSort = useLibraryStore((s) => s.setSort);
  return (
    <div className="library-head" role="row">
      {COLUMNS.map((c, i) =>
        c.sort ? (
          <button
            key={c.sort}
            type="button"
            role="columnheader"
            className={`library-sort ${sort === c.sort ? 'active' : ''}`}
            aria-sort={sort === c.sort ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            onClick={() => setSort(c.sort!)}
            data-testid={`sort-${c.sort}`}
          >
            {c.label}
            <span aria-hidden="true" className="library-sort-arrow">
              {sort === c.sort ? (dir === 'asc' ? '▲' : '▼') : ''}
            </span>
          </button>
        ) : (
          <span key={i} />
        ),
      )}
    </div>
  );
}

/** All matching sessions in one scrolling list; only the rows on screen exist in the page. */
export function LibraryList({ onDelete }: { onDelete: (row: LibraryRow) => void }) {
  const total = useLibraryStore((s) => s.total);
  const pages = useLibraryStore((s) => s.pages);
  const ensureRows = useLibraryStore((s) => s.ensureRows);
  const generation = useLibraryStore((s) => s.generation);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows re-render on scroll by design; nothing memoized reads it
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    ensureRows(first, last);
  }, [first, last, ensureRows, pages]);
  // A new sort or filter starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [generation]);

  return (
    <div className="library-table" role="table" aria-label="Interviews" aria-rowcount={total}>
      <SortHeader />
      <div ref={scroller} className="library-scroll" data-testid="library-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages[Math.floor(item.index / PAGE_SIZE)]?.[item.index % PAGE_SIZE];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                className="library-slot"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? <SessionRow row={row} onDelete={onDelete} /> : <PlaceholderRow />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
