-- 0008: interview kits. A kit is a question set with its rules, the role, the instructions, the
-- mode and optionally the invited candidate, sent as a .interviewkit file. Both laptops keep a
-- row: the hiring manager's for each kit exported (origin 'exported'), the candidate's for each
-- kit imported (origin 'imported', whose questions are a read-only question set).
CREATE TABLE kits (
  id                TEXT PRIMARY KEY,
  origin            TEXT NOT NULL CHECK (origin IN ('exported', 'imported')),
  name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- Exported: the set it was made from (may be a built-in id, or deleted since: no foreign key).
  -- Imported: the read-only set holding its questions; NULL once the user deleted that set.
  question_set_id   TEXT,
  interview_type    TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
  job_title         TEXT NOT NULL DEFAULT '',
  -- Who sends it (company or hiring manager), shown as "Interview from ...".
  sender            TEXT NOT NULL DEFAULT '',
  instructions      TEXT NOT NULL DEFAULT '',
  -- The invited candidate. candidate_id is local: on the hiring manager's laptop the candidate
  -- chosen at export, on the candidate's the row matched or created from name and email.
  candidate_id      TEXT REFERENCES candidates (id) ON DELETE SET NULL,
  candidate_name    TEXT,
  candidate_email   TEXT,
  created_at        INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX kits_question_set ON kits (question_set_id) WHERE origin = 'imported' AND question_set_id IS NOT NULL;

-- The kit a session was recorded under. No foreign key: a bundle may carry a kit this laptop
-- never saw, and the link must survive it.
ALTER TABLE sessions ADD COLUMN kit_id TEXT;
CREATE INDEX sessions_kit ON sessions (kit_id) WHERE kit_id IS NOT NULL;
