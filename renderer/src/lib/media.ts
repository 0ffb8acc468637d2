// Camera and microphone helpers shared by the setup preview and the interview room, so the
// preview shows exactly what will be recorded.

/**
 * 720p ideal; audio processing off so the recording is what the microphone hears (echo
 * cancellation and gain control would reshape the candidate's voice).
 */
export function recordingConstraints(cameraId: string, microphoneId: string): MediaStreamConstraints {
  return {
    video: {
      ...(cameraId ? { deviceId: { exact: cameraId } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
    audio: {
      ...(microphoneId ? { deviceId: { exact: microphoneId } } : {}),
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    },
  };
}

export function mediaErrorMessage(error: unknown): string {
  console.error('getUserMedia failed', error);
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera and microphone access was blocked. Allow access for this app in your system settings, then try again.';
    case 'NotFoundError':
      return 'No camera or microphone was found. Connect one, then try again.';
    case 'OverconstrainedError':
      return 'The chosen camera or microphone is no longer available. Pick another one, or use the default devices.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera or microphone is in use by another app, or stopped responding. Close the other app, then try again.';
    default:
      return 'The camera and microphone could not be started. Try again.';
  }
}

export function isDeviceMissing(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'OverconstrainedError' || error.name === 'NotFoundError');
}

/** "1280x720" from the camera track, as the session's environment records it. */
export function trackResolution(track: MediaStreamTrack | undefined): string | null {
  const { width, height } = track?.getSettings() ?? {};
  return width && height ? `${width}x${height}` : null;
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

const MIME_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];

export function pickMimeType(): string | null {
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}
