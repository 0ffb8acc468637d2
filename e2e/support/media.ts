import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', '.fixtures');
/** A looping test pattern Chromium plays as the camera. */
export const FAKE_VIDEO = join(FIXTURES_DIR, 'camera.y4m');
/** Spoken English (espeak-ng) Chromium plays as the microphone. */
export const FAKE_AUDIO = join(FIXTURES_DIR, 'speech.wav');
export const SPOKEN_TEXT =
  'I led the migration of our billing system to a new database. We planned it in small steps, tested every step, and finished two weeks early.';
