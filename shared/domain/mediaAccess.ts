import type { MediaAccess } from './types';

/**
 * What to tell the user when the operating system keeps the camera or microphone from the app
 * (macOS asks once; a "no" stays until changed in System Settings). Null when both are allowed.
 * Recording without them would record black video or silence, so setup stops here instead.
 */
export function mediaAccessProblem(access: MediaAccess): string | null {
  const blocked = [access.camera !== 'granted' && 'camera', access.microphone !== 'granted' && 'microphone'].filter(
    (d): d is string => typeof d === 'string',
  );
  if (blocked.length === 0) return null;
  const what = blocked.join(' and ');
  const managed = access.camera === 'restricted' || access.microphone === 'restricted';
  if (managed) {
    return `This computer's administrator does not allow apps to use the ${what}. Ask them to allow Interview Recorder, then try again.`;
  }
  const where = access.settingsHint ?? 'your system settings';
  return `Interview Recorder is not allowed to use the ${what}. Open ${where}, turn on Interview Recorder, then press Try again.`;
}
