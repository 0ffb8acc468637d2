-- 0001: candidates, sessions with their questions, recordings and session events.
-- Times are INTEGER milliseconds since the Unix epoch; offsets are ms on the recording timeline.
-- Booleans are INTEGER 0/1. JSON columns hold text checked with json_valid().

CREATE TABLE candidates (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  email       TEXT,
  phone       TEXT,
  position    TEXT,
  notes       TEXT,
  is_self     INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX candidates_one_self ON candidates (is_self) WHERE is_self = 1;
CREATE INDEX candidates_email ON candidates (email COLLATE NOCASE) WHERE email IS NOT NULL;

CREATE TABLE sessions (
  id                TEXT PRIMARY KEY,
  candidate_id      TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
  interview_type    TEXT NOT NULL CHECK (interview_type IN
                      ('behavioral', 'technical', 'system_design', 'hr',
                       'visa_f1', 'visa_b2', 'visa_h1b', 'custom')),
  mode              TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
  job_title         TEXT NOT NULL DEFAULT '',
  company           TEXT,
  industry          TEXT,
  experience_level  TEXT CHECK (experience_level IN
                      ('intern', 'entry', 'mid', 'senior', 'lead', 'executive')),
  job_description   TEXT,
  resume_file_name  TEXT,
  resume_text       TEXT,
  question_set_id   TEXT,
  status            TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN
                      ('in_progress', 'completed', 'cancelled', 'interrupted')),
  started_at        INTEGER,
  ended_at          INTEGER,
  duration_ms       INTEGER CHECK (duration_ms >= 0),
  -- Set exactly while the session is completed.
  completed_at      INTEGER CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  avatar            TEXT NOT NULL,
  avatar_settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(avatar_settings)),
  environment       TEXT CHECK (environment IS NULL OR json_valid(environment)),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_candidate ON sessions (candidate_id, created_at);
CREATE INDEX sessions_created ON sessions (created_at);
CREATE INDEX sessions_status ON sessions (status);

CREATE TABLE session_questions (
  id                        TEXT PRIMARY KEY,
  session_id                TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position                  INTEGER NOT NULL CHECK (position >= 0),
  text                      TEXT NOT NULL,
  category                  TEXT,
  difficulty                TEXT CHECK (difficulty IN ('easy', 'medium', 'hard')),
  keywords                  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
  asked_offset_ms           INTEGER CHECK (asked_offset_ms >= 0),
  answer_started_offset_ms  INTEGER CHECK (answer_started_offset_ms >= 0),
  answer_ended_offset_ms    INTEGER CHECK (answer_ended_offset_ms >= 0),
  asked_at                  INTEGER,
  answer_started_at         INTEGER,
  answer_ended_at           INTEGER,
  response_time_ms          INTEGER,
  skipped                   INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  retake_count              INTEGER NOT NULL DEFAULT 0 CHECK (retake_count >= 0),
  UNIQUE (session_id, position)
) STRICT;

CREATE TABLE recordings (
  id              TEXT PRIMARY KEY,
  session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  path            TEXT NOT NULL,
  mime_type       TEXT NOT NULL,
  codecs          TEXT,
  width           INTEGER,
  height          INTEGER,
  bytes           INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
  duration_ms     INTEGER CHECK (duration_ms >= 0),
  status          TEXT NOT NULL DEFAULT 'recording' CHECK (status IN
                    ('recording', 'recorded', 'interrupted', 'finalized', 'failed')),
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER,
  last_chunk_at   INTEGER,
  interrupted_at  INTEGER,
  error           TEXT
) STRICT;
CREATE INDEX recordings_session ON recordings (session_id);
CREATE INDEX recordings_status ON recordings (status) WHERE status <> 'finalized';

CREATE TABLE session_events (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  offset_ms   INTEGER,
  kind        TEXT NOT NULL CHECK (kind IN ('log', 'technical_issue', 'device', 'disk', 'recovered')),
  level       TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
  message     TEXT NOT NULL
) STRICT;
CREATE INDEX session_events_session ON session_events (session_id, at);
