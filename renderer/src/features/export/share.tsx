import { useEffect, useState } from 'react';
import type { ShareProgress } from '../../../../shared/domain/types';
import { api } from '../../lib/api';

// What the export and import dialogs share: progress of one operation, file downloads made in
// the page, and a byte count in words.

/** The latest progress event of one export or import. */
export function useShareProgress(operationId: string | null): ShareProgress | null {
  const [latest, setLatest] = useState<ShareProgress | null>(null);
  useEffect(() => {
    if (!operationId) return;
    return api.share.onProgress((p) => {
      if (p.operationId === operationId) setLatest(p);
    });
  }, [operationId]);
  // An earlier operation's last event is not this one's.
  return latest?.operationId === operationId ? latest : null;
}

/** Offers text made in main (session.json, the library CSV) as a file download. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export const percent = (p: { doneBytes: number; totalBytes: number } | null): number =>
  p && p.totalBytes > 0 ? Math.min(100, Math.round((100 * p.doneBytes) / p.totalBytes)) : 0;

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="share-progress" data-testid="share-progress">
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-label={label}>
        <div className="progress-bar" style={{ width: `${value}%` }} />
      </div>
      <span className="muted">
        {label} {value}%
      </span>
    </div>
  );
}

/** The preload sets window.api: there the shell can show its own open dialog. */
const inElectron = () => Boolean(window.api);

/**
 * Chooses a file to import: the shell's open dialog in Electron (`onPick`), a file input in a
 * browser (`onFile`). `testId` names the button (`<testId>-pick`) and the input (`<testId>-file`).
 */
export function ChooseFile(props: { testId: string; accept: string; label: string; onPick: () => void; onFile: (file: File) => void }) {
  return inElectron() ? (
    <button type="button" className="btn btn-primary" data-testid={`${props.testId}-pick`} autoFocus onClick={props.onPick}>
      Choose file…
    </button>
  ) : (
    <input
      type="file"
      accept={props.accept}
      data-testid={`${props.testId}-file`}
      aria-label={props.label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) props.onFile(file);
      }}
    />
  );
}
