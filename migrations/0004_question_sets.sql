-- 0004: custom question sets with per-question timing rules, the copy a session keeps of them,
-- and every take of an answer.

CREATE TABLE question_sets (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  interview_type  TEXT NOT NULL CHECK (interview_type IN
                    ('behavioral', 'technical', 'system_design', 'hr',
                     'visa_f1', 'visa_b2', 'visa_h1b', 'custom')),
  description     TEXT NOT NULL DEFAULT '',
  -- Shown to the candidate before the first question.
  instructions    TEXT NOT NULL DEFAULT '',
  -- The built-in (or custom) set this one was duplicated from; informational, no foreign key.
  copied_from     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX question_sets_name ON question_sets (name COLLATE NOCASE);

CREATE TABLE questions (
  id                TEXT PRIMARY KEY,
  question_set_id   TEXT NOT NULL REFERENCES question_sets (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL CHECK (position >= 0),
  text              TEXT NOT NULL CHECK (length(trim(text)) > 0),
  category          TEXT NOT NULL,
  difficulty        TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  keywords          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
  look_for          TEXT,
  -- 0: the answer starts as soon as the question has been read.
  think_time_ms     INTEGER NOT NULL DEFAULT 0 CHECK (think_time_ms >= 0),
  -- NULL: no limit.
  answer_limit_ms   INTEGER CHECK (answer_limit_ms IS NULL OR answer_limit_ms > 0),
  -- How many times the candidate may redo the answer (assessment mode; practice is unlimited).
  retakes_allowed   INTEGER NOT NULL DEFAULT 0 CHECK (retakes_allowed >= 0),
  UNIQUE (question_set_id, position)
) STRICT;

-- What the session was asked under, copied so that editing or deleting the set later never
-- changes a past interview.
ALTER TABLE sessions ADD COLUMN question_set_name TEXT;
ALTER TABLE sessions ADD COLUMN instructions TEXT;

ALTER TABLE session_questions ADD COLUMN look_for TEXT;
ALTER TABLE session_questions ADD COLUMN think_time_ms INTEGER NOT NULL DEFAULT 0 CHECK (think_time_ms >= 0);
ALTER TABLE session_questions ADD COLUMN answer_limit_ms INTEGER CHECK (answer_limit_ms IS NULL OR answer_limit_ms > 0);
ALTER TABLE session_questions ADD COLUMN retakes_allowed INTEGER NOT NULL DEFAULT 0 CHECK (retakes_allowed >= 0);
-- When the think-time countdown began (the question had been read).
ALTER TABLE session_questions ADD COLUMN think_started_offset_ms INTEGER CHECK (think_started_offset_ms >= 0);

-- Every take of an answer. The chosen take's offsets are copied to the question's
-- answer_started/ended offsets, which is what the rest of the app reads.
CREATE TABLE answer_takes (
  id                    TEXT PRIMARY KEY,
  session_question_id   TEXT NOT NULL REFERENCES session_questions (id) ON DELETE CASCADE,
  take_number           INTEGER NOT NULL CHECK (take_number >= 1),
  started_offset_ms     INTEGER NOT NULL CHECK (started_offset_ms >= 0),
  ended_offset_ms       INTEGER CHECK (ended_offset_ms IS NULL OR ended_offset_ms >= started_offset_ms),
  started_at            INTEGER NOT NULL,
  ended_at              INTEGER,
  chosen                INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
  UNIQUE (session_question_id, take_number)
) STRICT;
CREATE UNIQUE INDEX answer_takes_one_chosen ON answer_takes (session_question_id) WHERE chosen = 1;

-- Answers recorded before takes existed become their question's first, chosen take.
INSERT INTO answer_takes (id, session_question_id, take_number, started_offset_ms, ended_offset_ms,
                          started_at, ended_at, chosen)
SELECT id || ':1', id, 1, answer_started_offset_ms,
       CASE WHEN answer_ended_offset_ms >= answer_started_offset_ms THEN answer_ended_offset_ms END,
       coalesce(answer_started_at, 0), answer_ended_at, 1
FROM session_questions WHERE answer_started_offset_ms IS NOT NULL;
