/**
 * Sessions that some long task (an export) is reading: delete and retention leave them alone
 * until released. Counted, so two exports of one session both have to finish.
 */
export interface SessionLocks {
  /** Holds the sessions; the returned function releases them (calling it twice is harmless). */
  hold(sessionIds: string[]): () => void;
  isHeld(sessionId: string): boolean;
}

export function createSessionLocks(): SessionLocks {
  const counts = new Map<string, number>();
  return {
    hold(sessionIds) {
      const ids = [...new Set(sessionIds)];
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const id of ids) {
          const left = (counts.get(id) ?? 1) - 1;
          if (left > 0) counts.set(id, left);
          else counts.delete(id);
        }
      };
    },
    isHeld: (sessionId) => counts.has(sessionId),
  };
}
