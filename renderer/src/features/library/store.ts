import { create } from 'zustand';
import type { LibraryFilters, LibraryRow, LibrarySort, SearchHit } from '../../../../shared/domain/library';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

/** Rows per request; the list asks for the pages around what is on screen. */
export const PAGE_SIZE = 100;

interface LibraryState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  filters: LibraryFilters;
  sort: LibrarySort;
  dir: 'asc' | 'desc';
  total: number;
  /** Loaded pages by index; a page not here is fetched when it scrolls into view. */
  pages: Record<number, LibraryRow[]>;
  /** Bumped by every new query, so answers to an older one are dropped. */
  generation: number;
  /** The query the loaded pages answer. */
  pagesGeneration: number;
  search: { text: string; status: 'idle' | 'loading' | 'ready' | 'error'; hits: SearchHit[]; error: string | null };
  /** Starts over from the first page (filters, sort, or the library changed). */
  reload: () => Promise<void>;
  /** Fetches the pages covering rows [first, last] that are not loaded yet. */
  ensureRows: (first: number, last: number) => void;
  setFilters: (patch: Partial<LibraryFilters>) => void;
  clearFilters: () => void;
  setSort: (sort: LibrarySort) => void;
  setSearch: (text: string) => void;
  deleteSession: (sessionId: string) => Promise<void>;
}

const loading = new Set<string>();
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let searchSeq = 0;

export const useLibraryStore = create<LibraryState>()((set, get) => {
  const fetchPage = async (index: number, generation: number) => {
    const key = `${generation}:${index}`;
    if (loading.has(key)) return;
    loading.add(key);
    try {
      const { filters, sort, dir } = get();
      const page = await unwrap(api.library.page({ ...filters, sort, dir, offset: index * PAGE_SIZE, limit: PAGE_SIZE }));
      if (get().generation !== generation) return;
      // The first answer to a new query replaces the old query's pages.
      set((s) => ({
        status: 'ready',
        error: null,
        total: page.total,
        pages: s.pagesGeneration === generation ? { ...s.pages, [index]: page.rows } : { [index]: page.rows },
        pagesGeneration: generation,
      }));
    } catch (error) {
      if (get().generation === generation) set({ status: 'error', error: describeError(error, 'Could not load the interviews.') });
    } finally {
      loading.delete(key);
    }
  };

  return {
    status: 'loading',
    error: null,
    filters: {},
    sort: 'date',
    dir: 'desc',
    total: 0,
    pages: {},
    generation: 0,
    pagesGeneration: -1,
    search: { text: '', status: 'idle', hits: [], error: null },
    reload: async () => {
      const generation = get().generation + 1;
      // Reloads keep the rows on screen until the new first page arrives, instead of a spinner.
      set((s) => ({ generation, status: s.status === 'ready' ? 'ready' : 'loading' }));
      await fetchPage(0, generation);
    },
    ensureRows: (first, last) => {
      const { generation, pagesGeneration, pages, total } = get();
      if (pagesGeneration !== generation) return;
      const lastIndex = Math.min(Math.floor(last / PAGE_SIZE), Math.max(0, Math.ceil(total / PAGE_SIZE) - 1));
      for (let index = Math.floor(first / PAGE_SIZE); index <= lastIndex; index++) {
        if (!pages[index]) void fetchPage(index, generation);
      }
    },
    setFilters: (patch) => {
      set((s) => ({ filters: { ...s.filters, ...patch } }));
      void get().reload();
    },
    clearFilters: () => {
      set({ filters: {} });
      void get().reload();
    },
    setSort: (sort) => {
      const { sort: current, dir } = get();
      // The same column again flips the order; a new column starts with what users look for
      // first: newest, best, longest, or A to Z.
      const next = current === sort ? (dir === 'asc' ? 'desc' : 'asc') : ['date', 'score', 'duration'].includes(sort) ? 'desc' : 'asc';
      set({ sort, dir: next });
      void get().reload();
    },
    setSearch: (text) => {
      clearTimeout(searchTimer);
      const seq = ++searchSeq;
      if (!text.trim()) {
        set({ search: { text, status: 'idle', hits: [], error: null } });
        return;
      }
      set((s) => ({ search: { ...s.search, text, status: s.search.status === 'ready' ? 'ready' : 'loading' } }));
      // A short pause after typing, so each keystroke is not a query.
      searchTimer = setTimeout(() => {
        void (async () => {
          try {
            const hits = await unwrap(api.library.search({ text, limit: 50 }));
            if (seq === searchSeq) set({ search: { text, status: 'ready', hits, error: null } });
          } catch (error) {
            if (seq === searchSeq) set({ search: { text, status: 'error', hits: [], error: describeError(error, 'Search failed.') } });
          }
        })();
      }, 150);
    },
    deleteSession: async (sessionId) => {
      await unwrap(api.sessions.delete({ sessionId }));
      await get().reload();
    },
  };
});
