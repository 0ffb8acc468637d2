-- 0010: the library at 100,000 sessions.
--
-- 1. What the list sorts and filters on, and what the dashboards average, kept on the session
--    row: the AI's overall score (the session's evaluation with source 'ai') and the review's
--    decision with its time. A sort or filter on them then reads one index in order instead of
--    joining and sorting every session, and the per-candidate and per-position averages read a
--    covering index. Triggers keep them equal to their source rows in the transaction of every
--    write (scoring, rescoring, review, import, delete, retention), whoever writes; a session
--    row inserted with values of its own (an imported bundle carries its row as it was) gets
--    them recomputed from what exists.
ALTER TABLE sessions ADD COLUMN ai_overall REAL CHECK (ai_overall BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN review_decision TEXT CHECK (review_decision IN ('passed', 'failed', 'needs_review'));
ALTER TABLE sessions ADD COLUMN review_decided_at INTEGER;

UPDATE sessions SET ai_overall = e.overall
  FROM evaluations e WHERE e.session_id = sessions.id AND e.source = 'ai';
UPDATE sessions SET review_decision = r.decision, review_decided_at = r.decided_at
  FROM reviews r WHERE r.session_id = sessions.id AND r.decision IS NOT NULL;

CREATE TRIGGER sessions_totals_ai AFTER INSERT ON sessions
  WHEN new.ai_overall IS NOT NULL OR new.review_decision IS NOT NULL OR new.review_decided_at IS NOT NULL
BEGIN
  UPDATE sessions SET
    ai_overall = (SELECT overall FROM evaluations WHERE session_id = new.id AND source = 'ai'),
    review_decision = (SELECT decision FROM reviews WHERE session_id = new.id),
    review_decided_at = (SELECT decided_at FROM reviews WHERE session_id = new.id)
  WHERE id = new.id;
END;

CREATE TRIGGER evaluations_totals_ai AFTER INSERT ON evaluations WHEN new.source = 'ai' BEGIN
  UPDATE sessions SET ai_overall = new.overall WHERE id = new.session_id;
END;
CREATE TRIGGER evaluations_totals_au AFTER UPDATE OF session_id, source, overall ON evaluations BEGIN
  UPDATE sessions SET ai_overall = (SELECT overall FROM evaluations e WHERE e.session_id = sessions.id AND e.source = 'ai')
    WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER evaluations_totals_ad AFTER DELETE ON evaluations WHEN old.source = 'ai' BEGIN
  UPDATE sessions SET ai_overall = (SELECT overall FROM evaluations e WHERE e.session_id = sessions.id AND e.source = 'ai')
    WHERE id = old.session_id;
END;

CREATE TRIGGER reviews_totals_ai AFTER INSERT ON reviews WHEN new.decision IS NOT NULL BEGIN
  UPDATE sessions SET review_decision = new.decision, review_decided_at = new.decided_at WHERE id = new.session_id;
END;
CREATE TRIGGER reviews_totals_au AFTER UPDATE OF session_id, decision, decided_at ON reviews BEGIN
  UPDATE sessions SET
    review_decision = (SELECT decision FROM reviews r WHERE r.session_id = sessions.id),
    review_decided_at = (SELECT decided_at FROM reviews r WHERE r.session_id = sessions.id)
  WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER reviews_totals_ad AFTER DELETE ON reviews WHEN old.decision IS NOT NULL BEGIN
  UPDATE sessions SET review_decision = NULL, review_decided_at = NULL WHERE id = old.session_id;
END;

-- 2. Every sort of the list in both directions straight off an index. Equal values page newest
--    first either way, so an ascending sort needs created_at descending inside the index; empty
--    values go last both ways, which is SQLite's order for a descending sort and `x IS NULL`
--    first for an ascending one.
CREATE INDEX sessions_score ON sessions (ai_overall, created_at);
CREATE INDEX sessions_score_asc ON sessions (ai_overall IS NULL, ai_overall, created_at DESC);
CREATE INDEX sessions_decision ON sessions (review_decision, created_at);
CREATE INDEX sessions_decision_asc ON sessions (review_decision IS NULL, review_decision, created_at DESC);
DROP INDEX sessions_duration;
CREATE INDEX sessions_duration ON sessions (duration_ms, created_at);
CREATE INDEX sessions_duration_asc ON sessions (duration_ms IS NULL, duration_ms, created_at DESC);
CREATE INDEX sessions_status_asc ON sessions (status, created_at DESC);
CREATE INDEX sessions_type_asc ON sessions (interview_type, created_at DESC);
-- Also covers the hiring manager's averages by position.
DROP INDEX sessions_job_title;
CREATE INDEX sessions_job_title ON sessions (job_title COLLATE NOCASE, created_at, ai_overall);
CREATE INDEX sessions_job_title_asc ON sessions (job_title COLLATE NOCASE, created_at DESC);
-- Also covers the candidates overview (sessions, average score, last session per candidate).
DROP INDEX sessions_candidate;
CREATE INDEX sessions_candidate ON sessions (candidate_id, created_at, ai_overall);
-- A candidate's latest decision.
CREATE INDEX sessions_candidate_decided ON sessions (candidate_id, review_decided_at) WHERE review_decision IS NOT NULL;
-- The list no longer joins evaluations to sort or filter by score.
DROP INDEX evaluations_ai_overall;

-- 3. Prefix indexes for search as you type: every term is a prefix query ("rol"*), and without
--    an index of that length FTS5 merges the lists of every word starting so before it can
--    return one row. Options of an FTS5 table cannot be altered: the two indexes are made
--    again and filled from their content tables (their triggers name them and stay). A
--    transcript segment is indexed with its correction if it has one, as its triggers do, so it
--    is filled by hand rather than with 'rebuild' (which would read the original text).
DROP TABLE transcript_segments_fts;
CREATE VIRTUAL TABLE transcript_segments_fts USING fts5 (
  text,
  content = 'transcript_segments',
  content_rowid = 'id',
  tokenize = 'porter unicode61',
  prefix = '1 2 3 4'
);
INSERT INTO transcript_segments_fts (rowid, text) SELECT id, coalesce(edited_text, text) FROM transcript_segments;
-- Filled in bulk, the index is many unmerged segments, and each later insert through the
-- segment trigger pays to merge them (measured: 200 segments 140 ms instead of 35 at 1,000,000).
INSERT INTO transcript_segments_fts (transcript_segments_fts) VALUES ('optimize');
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
  body,
  content = 'search_docs',
  content_rowid = 'id',
  tokenize = 'porter unicode61',
  prefix = '1 2 3 4'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
INSERT INTO search_fts (search_fts) VALUES ('optimize');
