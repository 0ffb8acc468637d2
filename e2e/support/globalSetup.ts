import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { FAKE_AUDIO, FAKE_VIDEO, FIXTURES_DIR, SPOKEN_TEXT } from './media';

// Makes the fake camera and microphone files once; they are derived, so not committed.
export default function globalSetup(): void {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  if (!existsSync(FAKE_VIDEO)) {
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', '3',
      '-pix_fmt', 'yuv420p', FAKE_VIDEO,
    ]);
  }
  if (!existsSync(FAKE_AUDIO)) {
    execFileSync('espeak-ng', ['-w', FAKE_AUDIO, SPOKEN_TEXT]);
  }
}
