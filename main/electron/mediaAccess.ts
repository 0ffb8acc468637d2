import { systemPreferences } from 'electron';
import type { MediaAccess, MediaAccessStatus } from '../../shared/domain/types';
import { MEDIA_GRANTED } from '../privacy/handlers';

// macOS decides camera and microphone access per app (TCC): ask before the preview opens, so a
// "no" is explained instead of recording black video and silence. Other systems leave it to
// the permission handler.

const SETTINGS_HINT = 'System Settings › Privacy & Security › Camera and Microphone';

async function ask(type: 'camera' | 'microphone'): Promise<MediaAccessStatus> {
  const status = systemPreferences.getMediaAccessStatus(type);
  if (status === 'not-determined') return (await systemPreferences.askForMediaAccess(type)) ? 'granted' : 'denied';
  // 'unknown': a macOS without per-app access control.
  return status === 'unknown' ? 'granted' : status;
}

export async function askMediaAccess(platform: NodeJS.Platform = process.platform): Promise<MediaAccess> {
  if (platform !== 'darwin') return MEDIA_GRANTED;
  const camera = await ask('camera');
  const microphone = await ask('microphone');
  return { camera, microphone, settingsHint: SETTINGS_HINT };
}
