-- 0006: the library's search and its sort orders.
-- Transcripts already have transcript_segments_fts. Everything else a user may search for
-- (questions, candidate names and notes, job titles, decision notes, question-rating notes,
-- reviewer comments) is copied into search_docs by triggers on its own table, and search_fts
-- indexes search_docs. search_docs has an INTEGER PRIMARY KEY, so its rowids survive VACUUM,
-- which the implicit rowids of the TEXT-keyed source tables would not.

CREATE TABLE search_docs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN
                  ('question', 'candidate', 'candidate_notes', 'session', 'decision_note',
                   'rating_note', 'comment')),
  -- The id of the row in the source table (a candidate's for candidate rows, a session's for
  -- session and decision_note rows).
  ref           TEXT NOT NULL,
  session_id    TEXT,
  candidate_id  TEXT,
  body          TEXT NOT NULL,
  UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search_fts USING fts5 (
  body,
  content = 'search_docs',
  content_rowid = 'id',
  tokenize = 'porter unicode61'
);
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;

-- Questions.
CREATE TRIGGER search_questions_ai AFTER INSERT ON session_questions BEGIN
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'question', new.id, new.session_id, s.candidate_id, new.text FROM sessions s WHERE s.id = new.session_id;
END;
CREATE TRIGGER search_questions_au AFTER UPDATE OF text ON session_questions BEGIN
  UPDATE search_docs SET body = new.text WHERE kind = 'question' AND ref = new.id;
END;
CREATE TRIGGER search_questions_ad AFTER DELETE ON session_questions BEGIN
  DELETE FROM search_docs WHERE kind = 'question' AND ref = old.id;
END;

-- Candidates: the name always, the notes while there are any.
CREATE TRIGGER search_candidates_ai AFTER INSERT ON candidates BEGIN
  INSERT INTO search_docs (kind, ref, candidate_id, body) VALUES ('candidate', new.id, new.id, new.name);
  INSERT INTO search_docs (kind, ref, candidate_id, body)
    SELECT 'candidate_notes', new.id, new.id, new.notes WHERE trim(coalesce(new.notes, '')) <> '';
END;
CREATE TRIGGER search_candidates_au AFTER UPDATE OF name, notes ON candidates BEGIN
  UPDATE search_docs SET body = new.name WHERE kind = 'candidate' AND ref = new.id;
  DELETE FROM search_docs WHERE kind = 'candidate_notes' AND ref = new.id;
  INSERT INTO search_docs (kind, ref, candidate_id, body)
    SELECT 'candidate_notes', new.id, new.id, new.notes WHERE trim(coalesce(new.notes, '')) <> '';
END;
CREATE TRIGGER search_candidates_ad AFTER DELETE ON candidates BEGIN
  DELETE FROM search_docs WHERE kind IN ('candidate', 'candidate_notes') AND ref = old.id;
END;

-- Sessions: job title and company.
CREATE TRIGGER search_sessions_ai AFTER INSERT ON sessions BEGIN
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'session', new.id, new.id, new.candidate_id, trim(new.job_title || ' ' || coalesce(new.company, ''))
    WHERE trim(new.job_title || coalesce(new.company, '')) <> '';
END;
CREATE TRIGGER search_sessions_au AFTER UPDATE OF job_title, company ON sessions BEGIN
  DELETE FROM search_docs WHERE kind = 'session' AND ref = new.id;
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'session', new.id, new.id, new.candidate_id, trim(new.job_title || ' ' || coalesce(new.company, ''))
    WHERE trim(new.job_title || coalesce(new.company, '')) <> '';
END;
CREATE TRIGGER search_sessions_ad AFTER DELETE ON sessions BEGIN
  DELETE FROM search_docs WHERE kind IN ('session', 'decision_note') AND ref = old.id;
END;

-- Review decision notes.
CREATE TRIGGER search_reviews_ai AFTER INSERT ON reviews BEGIN
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'decision_note', new.session_id, new.session_id, s.candidate_id, new.decision_note
    FROM sessions s WHERE s.id = new.session_id AND trim(coalesce(new.decision_note, '')) <> '';
END;
CREATE TRIGGER search_reviews_au AFTER UPDATE OF decision_note ON reviews BEGIN
  DELETE FROM search_docs WHERE kind = 'decision_note' AND ref = new.session_id;
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'decision_note', new.session_id, new.session_id, s.candidate_id, new.decision_note
    FROM sessions s WHERE s.id = new.session_id AND trim(coalesce(new.decision_note, '')) <> '';
END;
CREATE TRIGGER search_reviews_ad AFTER DELETE ON reviews BEGIN
  DELETE FROM search_docs WHERE kind = 'decision_note' AND ref = old.session_id;
END;

-- Question rating notes.
CREATE TRIGGER search_ratings_ai AFTER INSERT ON question_ratings BEGIN
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'rating_note', new.session_question_id, new.session_id, s.candidate_id, new.note
    FROM sessions s WHERE s.id = new.session_id AND trim(coalesce(new.note, '')) <> '';
END;
CREATE TRIGGER search_ratings_au AFTER UPDATE OF note ON question_ratings BEGIN
  DELETE FROM search_docs WHERE kind = 'rating_note' AND ref = new.session_question_id;
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'rating_note', new.session_question_id, new.session_id, s.candidate_id, new.note
    FROM sessions s WHERE s.id = new.session_id AND trim(coalesce(new.note, '')) <> '';
END;
CREATE TRIGGER search_ratings_ad AFTER DELETE ON question_ratings BEGIN
  DELETE FROM search_docs WHERE kind = 'rating_note' AND ref = old.session_question_id;
END;

-- Reviewer comments.
CREATE TRIGGER search_comments_ai AFTER INSERT ON review_comments BEGIN
  INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
    SELECT 'comment', new.id, new.session_id, s.candidate_id, new.body FROM sessions s WHERE s.id = new.session_id;
END;
CREATE TRIGGER search_comments_au AFTER UPDATE OF body ON review_comments BEGIN
  UPDATE search_docs SET body = new.body WHERE kind = 'comment' AND ref = new.id;
END;
CREATE TRIGGER search_comments_ad AFTER DELETE ON review_comments BEGIN
  DELETE FROM search_docs WHERE kind = 'comment' AND ref = old.id;
END;

-- What is already there.
INSERT INTO search_docs (kind, ref, candidate_id, body) SELECT 'candidate', id, id, name FROM candidates;
INSERT INTO search_docs (kind, ref, candidate_id, body)
  SELECT 'candidate_notes', id, id, notes FROM candidates WHERE trim(coalesce(notes, '')) <> '';
INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
  SELECT 'session', id, id, candidate_id, trim(job_title || ' ' || coalesce(company, '')) FROM sessions
  WHERE trim(job_title || coalesce(company, '')) <> '';
INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
  SELECT 'question', q.id, q.session_id, s.candidate_id, q.text FROM session_questions q JOIN sessions s ON s.id = q.session_id;
INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
  SELECT 'decision_note', r.session_id, r.session_id, s.candidate_id, r.decision_note FROM reviews r JOIN sessions s ON s.id = r.session_id
  WHERE trim(coalesce(r.decision_note, '')) <> '';
INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
  SELECT 'rating_note', q.session_question_id, q.session_id, s.candidate_id, q.note FROM question_ratings q JOIN sessions s ON s.id = q.session_id
  WHERE trim(coalesce(q.note, '')) <> '';
INSERT INTO search_docs (kind, ref, session_id, candidate_id, body)
  SELECT 'comment', c.id, c.session_id, s.candidate_id, c.body FROM review_comments c JOIN sessions s ON s.id = c.session_id;

-- Sort orders and filters of the library list, each ending in created_at so that a page of one
-- status or type comes straight off an index in date order.
CREATE INDEX sessions_type_created ON sessions (interview_type, created_at);
CREATE INDEX sessions_status_created ON sessions (status, created_at);
CREATE INDEX sessions_duration ON sessions (duration_ms);
CREATE INDEX sessions_job_title ON sessions (job_title COLLATE NOCASE);
CREATE INDEX candidates_name ON candidates (name COLLATE NOCASE);
CREATE INDEX evaluations_ai_overall ON evaluations (overall) WHERE source = 'ai';
-- sessions_status_created serves every query sessions_status did.
DROP INDEX sessions_status;
