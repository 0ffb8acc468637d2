import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

// Interviews are personal data: nobody else on the laptop may read them. The umask makes every
// file and folder private as it is created, by us, by SQLite (-wal, -shm) and by the ffmpeg we
// start (it inherits the umask), with no window in which a later chmod would come too late.
// Windows and macOS keep the data in the per-user app data folder, which other users cannot open.

/** Group and others get no bits: folders 0700, files 0600. */
const PRIVATE_UMASK = 0o077;

/**
 * Sets the umask and makes the data folder private. A folder that is not 0700 is an install from
 * before this rule (or one just created by someone else's umask): everything in it is fixed
 * once, after which the umask keeps it so and later starts do not walk it. Returns how many
 * entries it changed.
 */
export async function makeDataFolderPrivate(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<number> {
  if (platform === 'win32') return 0;
  process.umask(PRIVATE_UMASK);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (((await lstat(dataDir)).mode & 0o777) === 0o700) return 0;
  return privatize(dataDir);
}

async function privatize(path: string): Promise<number> {
  const info = await lstat(path);
  // A link's target may be anywhere; its own mode means nothing on Linux.
  if (info.isSymbolicLink()) return 0;
  let changed = 0;
  if (info.isDirectory()) {
    for (const name of await readdir(path)) changed += await privatize(join(path, name));
  }
  const mode = info.isDirectory() ? 0o700 : 0o600;
  if ((info.mode & 0o777) !== mode) {
    await chmod(path, mode);
    changed++;
  }
  return changed;
}
