-- 0005: the reviewer's side of a session: an overall star rating, a scorecard per dimension,
-- a decision with its note, star ratings per question, and comments pinned to a moment of the
-- recording. One review per session on this laptop; ids of comments are UUIDs so that a session
-- exported from one laptop and imported on another keeps them.

CREATE TABLE reviews (
  session_id      TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  overall_rating  INTEGER CHECK (overall_rating BETWEEN 1 AND 5),
  -- {"communication": 4, ...}: each dimension rated 1 to 5.
  scorecard       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scorecard) AND json_type(scorecard) = 'object'),
  decision        TEXT CHECK (decision IN ('passed', 'failed', 'needs_review')),
  decision_note   TEXT,
  -- Set exactly while a decision is made.
  decided_at      INTEGER CHECK ((decision IS NULL) = (decided_at IS NULL)),
  -- The reviewer hides the AI's scores while rating; revealing them clears it.
  blind           INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX reviews_decision ON reviews (decision) WHERE decision IS NOT NULL;

CREATE TABLE question_ratings (
  session_question_id  TEXT PRIMARY KEY REFERENCES session_questions (id) ON DELETE CASCADE,
  session_id           TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  rating               INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  note                 TEXT,
  updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX question_ratings_session ON question_ratings (session_id);

CREATE TABLE review_comments (
  id                   TEXT PRIMARY KEY,
  session_id           TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  -- The question being answered at that moment, if any.
  session_question_id  TEXT REFERENCES session_questions (id) ON DELETE SET NULL,
  offset_ms            INTEGER CHECK (offset_ms >= 0),
  body                 TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX review_comments_session ON review_comments (session_id, offset_ms);
