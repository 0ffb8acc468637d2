import { useCallback, useEffect, useState } from 'react';
import { mediaAccessProblem } from '../../../../shared/domain/mediaAccess';
import { api, unwrap } from '../../lib/api';
import { mediaErrorMessage, recordingConstraints, stopStream } from '../../lib/media';

export type PreviewState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; stream: MediaStream };

interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

class BlockedBySystem extends Error {}

/**
 * Asks the OS first (macOS): its "no" is explained with where to change it. If the question
 * itself fails, getUserMedia still runs and reports what it can.
 */
async function systemAllows(): Promise<string | null> {
  try {
    return mediaAccessProblem(await unwrap(api.system.mediaAccess()));
  } catch (error) {
    console.error('system:mediaAccess failed', error);
    return null;
  }
}

/** The outcome of one getUserMedia request; an outcome for an older request means loading. */
type Outcome = { request: string } & ({ stream: MediaStream } | { error: string });

/**
 * Opens the chosen camera and microphone for the preview. Devices are listed after the first
 * getUserMedia because browsers hide device labels until access is granted.
 */
export function useMediaPreview(cameraId: string, microphoneId: string) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  const [attempt, setAttempt] = useState(0);
  const request = `${cameraId}\n${microphoneId}\n${attempt}`;

  const listDevices = useCallback(async () => {
    const all = await navigator.mediaDevices.enumerateDevices();
    setDevices({
      cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
      microphones: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    systemAllows()
      .then((problem) => {
        if (problem) throw new BlockedBySystem(problem);
        return navigator.mediaDevices.getUserMedia(recordingConstraints(cameraId, microphoneId));
      })
      .then((opened) => {
        if (cancelled) {
          stopStream(opened);
          return;
        }
        stream = opened;
        setOutcome({ request, stream: opened });
        listDevices().catch((error: unknown) => console.error('enumerateDevices failed', error));
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setOutcome({ request, error: error instanceof BlockedBySystem ? error.message : mediaErrorMessage(error) });
      });
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, [cameraId, microphoneId, request, listDevices]);

  useEffect(() => {
    const onChange = () => void listDevices().catch((error: unknown) => console.error(error));
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    return () => navigator.mediaDevices.removeEventListener('devicechange', onChange);
  }, [listDevices]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  let state: PreviewState = { status: 'loading' };
  if (outcome?.request === request) {
    state = 'stream' in outcome ? { status: 'ready', stream: outcome.stream } : { status: 'error', message: outcome.error };
  }
  return { state, devices, retry };
}
