-- What scoring learned after 0002 landed: a short written summary per session, and the rubric's
-- criteria (e.g. STAR's situation, task, action, result) each rated per question.
ALTER TABLE evaluations ADD COLUMN summary TEXT;
ALTER TABLE question_evaluations ADD COLUMN criteria TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(criteria));
