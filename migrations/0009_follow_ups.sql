-- 0009: AI follow-up questions (practice mode).
-- follow_ups: the session asks at most one follow-up after each original question's answer.
-- Only practice sessions with AI processing may have it on.
ALTER TABLE sessions ADD COLUMN follow_ups INTEGER NOT NULL DEFAULT 0
  CHECK (follow_ups IN (0, 1) AND (follow_ups = 0 OR (mode = 'practice' AND ai_processing = 1)));

-- A follow-up is a session question like any other, placed right after its parent; it names
-- the question it follows. A follow-up never has one of its own, and a parent has at most one.
ALTER TABLE session_questions ADD COLUMN follow_up_of TEXT REFERENCES session_questions (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX session_questions_follow_up_of ON session_questions (follow_up_of) WHERE follow_up_of IS NOT NULL;
