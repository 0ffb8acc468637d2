import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { OpenRequest } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { navigate, routes, type Route } from '../../app/router';

// Files the OS opened (a double-clicked .interview or .interviewkit). Main keeps them until a page takes them,
// so a file opened before this page loaded is not lost; the Sessions page's import dialog
// offers them one at a time. An interview being recorded is never left for one.

interface OpenRequestsState {
  requests: OpenRequest[];
  /** Takes what main holds; called on start and on every share:onOpenRequested. */
  take: () => Promise<void>;
  /** The import dialog showed this one and was closed. */
  remove: (request: OpenRequest) => void;
}

export const useOpenRequests = create<OpenRequestsState>()((set, get) => ({
  requests: [],
  take: async () => {
    // A failed take leaves the requests in main for the next nudge.
    const taken = await unwrap(api.share.takeOpenRequests()).catch(() => []);
    if (taken.length) set({ requests: [...get().requests, ...taken] });
  },
  remove: (request) => set({ requests: get().requests.filter((r) => r !== request) }),
}));

/** App-wide: listens for open requests and brings the user to the page for the oldest: Sessions for a bundle, Question sets for a kit. */
export function useOpenRequestRouting(route: Route): void {
  const take = useOpenRequests((s) => s.take);
  const waiting = useOpenRequests((s) => s.requests[0]?.kind ?? null);
  useEffect(() => {
    void take();
    return api.share.onOpenRequested(() => void take());
  }, [take]);
  useEffect(() => {
    if (!waiting || route.name === 'room') return;
    if (waiting === 'kit' && route.name !== 'questionSets') navigate(routes.questionSets());
    if (waiting === 'bundle' && route.name !== 'library') navigate(routes.library());
  }, [waiting, route.name]);
}

/**
 * An import dialog that the user opens, or that a file the OS opened opens on that file once the
 * user is done with the dialog open now. `given` is the request the dialog shows, if any.
 */
export function useImportDialog(kind: OpenRequest['kind'], onImported: () => void) {
  const [chosen, setChosen] = useState(false);
  const next = useOpenRequests((s) => (s.requests[0]?.kind === kind ? s.requests[0] : null));
  const removeRequest = useOpenRequests((s) => s.remove);
  const given = chosen ? null : next;
  return {
    given,
    shown: chosen || given !== null,
    open: () => setChosen(true),
    close: (imported: boolean) => {
      setChosen(false);
      if (given) removeRequest(given);
      if (imported) onImported();
    },
  };
}
