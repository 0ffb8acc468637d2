import { useCallback, useEffect, useState } from 'react';
import { mediaErrorMessage, recordingConstraints, stopStream } from '../../lib/media';

export type PreviewState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; stream: MediaStream };

interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

/**
 * Opens the chosen camera and microphone for the preview. Devices are listed after the first
 * getUserMedia because browsers hide device labels until access is granted.
 */
export function useMediaPreview(cameraId: string, microphoneId: string) {
  const [state, setState] = useState<PreviewState>({ status: 'loading' });
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  const [attempt, setAttempt] = useState(0);

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
    setState({ status: 'loading' });
    navigator.mediaDevices
      .getUserMedia(recordingConstraints(cameraId, microphoneId))
      .then(async (opened) => {
        if (cancelled) {
          stopStream(opened);
          return;
        }
        stream = opened;
        setState({ status: 'ready', stream: opened });
        await listDevices();
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: mediaErrorMessage(error) });
      });
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, [cameraId, microphoneId, attempt, listDevices]);

  useEffect(() => {
    const onChange = () => void listDevices().catch((error: unknown) => console.error(error));
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    return () => navigator.mediaDevices.removeEventListener('devicechange', onChange);
  }, [listDevices]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, devices, retry };
}
