-- 0007: consent and the per-session AI switch.
-- ai_processing: 0 means nothing of this session (audio, transcript, text) may go to the AI
-- service; the pipeline never enqueues its AI steps. Sessions from before default to on, as the
-- app behaved until now.
ALTER TABLE sessions ADD COLUMN ai_processing INTEGER NOT NULL DEFAULT 1 CHECK (ai_processing IN (0, 1));

-- What the candidate agreed to, frozen at the time: the version of the consent text, the AI
-- endpoint named on the screen (NULL: the screen said AI is off), where the files are kept and
-- for how long (NULL days: until deleted). A later session of the same candidate may carry an
-- earlier consent (carried_from) when it covers that session's AI choice.
CREATE TABLE session_consents (
  session_id      TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  candidate_id    TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
  text_version    TEXT NOT NULL CHECK (length(text_version) > 0),
  ai_endpoint     TEXT CHECK (ai_endpoint IS NULL OR length(ai_endpoint) > 0),
  data_dir        TEXT NOT NULL,
  retention_days  INTEGER CHECK (retention_days IS NULL OR retention_days > 0),
  given_at        INTEGER NOT NULL,
  carried_from    TEXT REFERENCES sessions (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX session_consents_candidate ON session_consents (candidate_id, given_at);
