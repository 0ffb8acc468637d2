-- 0002: background jobs and what they produce (media files, voice metrics, transcripts with a
-- full-text index, AI evaluations), and app settings.

CREATE TABLE jobs (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN
                      ('thumbnail', 'extract_audio', 'voice_metrics', 'transcode_mp4',
                       'transcribe', 'score')),
  session_id        TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  recording_id      TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  payload           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  status            TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
                      ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled')),
  -- Why a waiting job waits: it needs something the user or the machine must provide.
  wait_reason       TEXT CHECK (wait_reason IN ('ai_settings', 'network', 'ffmpeg')),
  attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts      INTEGER NOT NULL CHECK (max_attempts >= 1),
  run_after         INTEGER NOT NULL,
  -- The process running it; at start-up every lease is released (one process owns the file).
  lease_owner       TEXT,
  progress          REAL CHECK (progress >= 0 AND progress <= 1),
  eta_ms            INTEGER,
  error             TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  finished_at       INTEGER,
  CHECK ((status = 'waiting') = (wait_reason IS NOT NULL)),
  CHECK ((status = 'running') = (lease_owner IS NOT NULL))
) STRICT;
-- One job of a kind per recording: enqueueing again is a no-op, so a crash between steps never
-- duplicates work.
CREATE UNIQUE INDEX jobs_one_per_kind ON jobs (recording_id, kind);
CREATE INDEX jobs_runnable ON jobs (status, run_after);
CREATE INDEX jobs_session ON jobs (session_id);

CREATE TABLE media_files (
  id            INTEGER PRIMARY KEY,
  recording_id  TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('thumbnail', 'audio', 'mp4')),
  path          TEXT NOT NULL,
  mime_type     TEXT NOT NULL,
  bytes         INTEGER NOT NULL CHECK (bytes >= 0),
  duration_ms   INTEGER,
  created_at    INTEGER NOT NULL,
  UNIQUE (recording_id, kind)
) STRICT;

-- One row for the whole recording (session_question_id NULL) and one per answered question.
CREATE TABLE voice_metrics (
  id                    INTEGER PRIMARY KEY,
  recording_id          TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  session_question_id   TEXT REFERENCES session_questions (id) ON DELETE CASCADE,
  talk_ms               INTEGER NOT NULL CHECK (talk_ms >= 0),
  silence_ms            INTEGER NOT NULL CHECK (silence_ms >= 0),
  long_pause_count      INTEGER NOT NULL CHECK (long_pause_count >= 0),
  longest_pause_ms      INTEGER NOT NULL CHECK (longest_pause_ms >= 0),
  pauses                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pauses)),
  integrated_lufs       REAL,
  loudness_range_lu     REAL,
  clipping_percent      REAL CHECK (clipping_percent >= 0 AND clipping_percent <= 100),
  -- Filled once a transcript exists.
  words_per_minute      REAL,
  filler_count          INTEGER,
  fillers               TEXT CHECK (fillers IS NULL OR json_valid(fillers)),
  response_latency_ms   INTEGER,
  answer_words          INTEGER,
  created_at            INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX voice_metrics_one_per_scope
  ON voice_metrics (recording_id, coalesce(session_question_id, ''));

CREATE TABLE transcripts (
  id            INTEGER PRIMARY KEY,
  recording_id  TEXT NOT NULL UNIQUE REFERENCES recordings (id) ON DELETE CASCADE,
  language      TEXT,
  model         TEXT NOT NULL,
  -- Set when the user has corrected the text; segments keep the original, edits live apart.
  edited_at     INTEGER,
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE transcript_segments (
  id              INTEGER PRIMARY KEY,
  transcript_id   INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  start_ms        INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms          INTEGER NOT NULL CHECK (end_ms >= start_ms),
  text            TEXT NOT NULL,
  edited_text     TEXT,
  confidence      REAL,
  words           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words)),
  UNIQUE (transcript_id, position)
) STRICT;

CREATE VIRTUAL TABLE transcript_segments_fts USING fts5 (
  text,
  content = 'transcript_segments',
  content_rowid = 'id',
  tokenize = 'porter unicode61'
);
-- The index follows the text the user sees: the correction if any, else the original.
CREATE TRIGGER transcript_segments_ai AFTER INSERT ON transcript_segments BEGIN
  INSERT INTO transcript_segments_fts (rowid, text) VALUES (new.id, coalesce(new.edited_text, new.text));
END;
CREATE TRIGGER transcript_segments_ad AFTER DELETE ON transcript_segments BEGIN
  INSERT INTO transcript_segments_fts (transcript_segments_fts, rowid, text)
    VALUES ('delete', old.id, coalesce(old.edited_text, old.text));
END;
CREATE TRIGGER transcript_segments_au AFTER UPDATE ON transcript_segments BEGIN
  INSERT INTO transcript_segments_fts (transcript_segments_fts, rowid, text)
    VALUES ('delete', old.id, coalesce(old.edited_text, old.text));
  INSERT INTO transcript_segments_fts (rowid, text) VALUES (new.id, coalesce(new.edited_text, new.text));
END;

CREATE TABLE evaluations (
  id                  INTEGER PRIMARY KEY,
  session_id          TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  source              TEXT NOT NULL CHECK (source IN ('ai', 'reviewer')),
  model               TEXT,
  overall             REAL CHECK (overall BETWEEN 0 AND 10),
  communication       REAL CHECK (communication BETWEEN 0 AND 10),
  technical           REAL CHECK (technical BETWEEN 0 AND 10),
  problem_solving     REAL CHECK (problem_solving BETWEEN 0 AND 10),
  confidence          REAL CHECK (confidence BETWEEN 0 AND 10),
  cultural_fit        REAL CHECK (cultural_fit BETWEEN 0 AND 10),
  weighted_overall    REAL CHECK (weighted_overall BETWEEN 0 AND 10),
  weights             TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(weights)),
  strengths           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(strengths)),
  improvements        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(improvements)),
  recommendations     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recommendations)),
  suggested_decision  TEXT CHECK (suggested_decision IN ('passed', 'failed', 'needs_review')),
  created_at          INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX evaluations_one_ai_per_session ON evaluations (session_id) WHERE source = 'ai';

CREATE TABLE question_evaluations (
  id                    INTEGER PRIMARY KEY,
  evaluation_id         INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  session_question_id   TEXT NOT NULL REFERENCES session_questions (id) ON DELETE CASCADE,
  score                 REAL NOT NULL CHECK (score BETWEEN 0 AND 10),
  feedback              TEXT NOT NULL,
  good                  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(good)),
  missing               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  outline               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outline)),
  quotes                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quotes)),
  UNIQUE (evaluation_id, session_question_id)
) STRICT;

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  updated_at  INTEGER NOT NULL
) STRICT;
