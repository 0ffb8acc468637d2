import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../settings/SettingsService';

/**
 * The AI key encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) in a
 * file of its own: never in the database, never sent to the page.
 */
export class SafeStorageSecretStore implements SecretStore {
  // Only Linux can fall back to plain obfuscation (no keyring); call after app ready.
  readonly kind =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'basic_text' : 'os_keyring';

  constructor(private readonly file: string) {}

  async get(): Promise<string | null> {
    const data = await readFile(this.file).catch(() => null);
    if (!data || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(data);
    } catch {
      return null;
    }
  }

  async set(value: string | null): Promise<void> {
    if (value === null) {
      await rm(this.file, { force: true });
      return;
    }
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.partial`;
    await writeFile(temp, safeStorage.encryptString(value), { mode: 0o600 });
    await rename(temp, this.file);
  }
}
