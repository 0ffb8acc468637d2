import { useEffect, useState } from 'react';
import { api, unwrap } from './api';

/** Whether AI is switched on in Settings; null while unknown (the call itself will tell). */
export function useAiEnabled(): boolean | null {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(api.settings.get()).then(
      (view) => live && setEnabled(view.ai.enabled),
      () => live && setEnabled(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return enabled;
}
