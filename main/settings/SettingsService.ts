import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { AiSettings, Settings, SettingsView } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';

/**
 * Where the AI key lives: never in the database. The Electron shell provides one backed by
 * safeStorage (the OS keyring); browser mode and tests keep it in memory.
 */
export interface SecretStore {
  readonly kind: SettingsView['keyStorage'];
  get(): Promise<string | null>;
  set(value: string | null): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  constructor(private value: string | null = null) {}
  async get() {
    return this.value;
  }
  async set(value: string | null) {
    this.value = value;
  }
}

export const DEFAULT_SETTINGS: Settings = {
  ai: {
    enabled: true,
    baseUrl: 'https://api.openai.com/v1',
    transcriptionModel: 'whisper-1',
    scoringModel: 'gpt-4o-mini',
  },
  keepMedia: 'both',
  retentionDays: null,
};

const Stored = z.object({
  ai: z.object({
    enabled: z.boolean(),
    baseUrl: z.string(),
    transcriptionModel: z.string(),
    scoringModel: z.string(),
  }),
  keepMedia: z.enum(['original', 'mp4', 'both']),
  retentionDays: z.number().int().positive().nullable(),
});

/** A local server (loopback or private network) may need no key; a remote one does. */
export function isLocalEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return (
      host === 'localhost' ||
      host === '[::1]' ||
      /^127\./.test(host) ||
      /^10\./.test(host) ||
      /^192\.168\./.test(host) ||
      /^172\.(1[6-9]|2\d|3[01])\./.test(host)
    );
  } catch {
    return false;
  }
}

export interface AiAccess {
  settings: AiSettings;
  apiKey: string;
}

/** App settings in the `settings` table (one JSON row), the key in the SecretStore. */
export class SettingsService {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
  ) {}

  get(): Settings {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'app'").get() as { value: string } | undefined;
    if (!row) return DEFAULT_SETTINGS;
    const parsed = Stored.safeParse({ ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  async view(): Promise<SettingsView> {
    return { ...this.get(), hasApiKey: (await this.secrets.get()) !== null, keyStorage: this.secrets.kind };
  }

  update(changes: { ai?: Partial<AiSettings>; keepMedia?: Settings['keepMedia']; retentionDays?: number | null }): Settings {
    const current = this.get();
    const next: Settings = {
      ai: { ...current.ai, ...changes.ai },
      keepMedia: changes.keepMedia ?? current.keepMedia,
      retentionDays: changes.retentionDays === undefined ? current.retentionDays : changes.retentionDays,
    };
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('app', ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(next), this.now());
    return next;
  }

  async setApiKey(apiKey: string | null, allowWeakStorage = false): Promise<void> {
    if (apiKey !== null && this.secrets.kind === 'basic_text' && !allowWeakStorage) {
      throw new AppError(
        'conflict',
        'This computer has no keyring to protect the key; it would only be obfuscated on disk. Confirm to store it anyway.',
      );
    }
    await this.secrets.set(apiKey);
  }

  /** The endpoint and key AI jobs use, or null while they must wait for settings. */
  async aiAccess(): Promise<AiAccess | null> {
    const { ai } = this.get();
    if (!ai.enabled) return null;
    const key = await this.secrets.get();
    if (key) return { settings: ai, apiKey: key };
    // The openai client insists on a key; local servers ignore it.
    return isLocalEndpoint(ai.baseUrl) ? { settings: ai, apiKey: 'local-no-key' } : null;
  }
}
