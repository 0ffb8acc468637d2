import { useEffect, useState } from 'react';

/**
 * performance.now(), refreshed every `intervalMs` while `active`, for running clocks. The first
 * tick may lag by one interval; callers clamp negative spans to zero.
 */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
