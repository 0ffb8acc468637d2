import type BetterSqlite3 from 'better-sqlite3';
import { CONSENT_TEXT_VERSION, type ConsentTerms } from '../../shared/domain/consent';
import type { Consent } from '../../shared/domain/types';

// Consents given on the consent screen (migration 0007), frozen as the candidate saw them.

interface Row {
  session_id: string;
  text_version: string;
  ai_endpoint: string | null;
  data_dir: string;
  retention_days: number | null;
  given_at: number;
  carried_from: string | null;
}

const toConsent = (r: Row): Consent => ({
  textVersion: r.text_version,
  aiEndpoint: r.ai_endpoint,
  dataDir: r.data_dir,
  retentionDays: r.retention_days,
  givenAt: r.given_at,
  carriedFromSessionId: r.carried_from,
});

export interface NewConsent extends Omit<Consent, 'carriedFromSessionId'> {
  sessionId: string;
  candidateId: string;
  carriedFromSessionId?: string | null;
}

export class ConsentsRepository {
  constructor(private readonly raw: BetterSqlite3.Database) {}

  record(consent: NewConsent): Consent {
    this.raw
      .prepare(
        `INSERT INTO session_consents (session_id, candidate_id, text_version, ai_endpoint, data_dir, retention_days, given_at, carried_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        consent.sessionId,
        consent.candidateId,
        consent.textVersion,
        consent.aiEndpoint,
        consent.dataDir,
        consent.retentionDays,
        consent.givenAt,
        consent.carriedFromSessionId ?? null,
      );
    return this.forSession(consent.sessionId)!;
  }

  forSession(sessionId: string): Consent | null {
    const row = this.raw.prepare('SELECT * FROM session_consents WHERE session_id = ?').get(sessionId) as Row | undefined;
    return row ? toConsent(row) : null;
  }

  /**
   * The candidate's latest consent given on the screen (not carried) to the current text. Among
   * those, one that agreed to AI wins, since it covers sessions with AI on and off.
   */
  onFile(candidateId: string): ConsentTerms['onFile'] {
    const row = this.raw
      .prepare(
        `SELECT * FROM session_consents WHERE candidate_id = ? AND text_version = ? AND carried_from IS NULL
         ORDER BY ai_endpoint IS NULL, given_at DESC LIMIT 1`,
      )
      .get(candidateId, CONSENT_TEXT_VERSION) as Row | undefined;
    return row ? { sessionId: row.session_id, aiEndpoint: row.ai_endpoint, givenAt: row.given_at } : null;
  }
}
