import type { InterviewType } from '../../shared/domain/enums';
import type { FakeOpenAI } from '../../main/testing/fakeOpenAI';
import { scoreReplyFor } from '../../main/testing/scoreReply';
import type { DevServerProcess } from './devServer';

// What the loopback OpenAI server replies for a recorded interview, from its questions' rows.

export interface QuestionRow {
  id: string;
  position: number;
  asked_offset_ms: number | null;
  answer_started_offset_ms: number | null;
  answer_ended_offset_ms: number | null;
}

/** What a transcriber would hear: each answer's words spread over its window, one segment per answer. */
export function transcriptReply(answered: QuestionRow[], answers: readonly string[]) {
  const segments = answered.map((q, i) => {
    const words = answers[i]!.split(' ');
    const startMs = q.answer_started_offset_ms! + 200;
    const stepMs = (q.answer_ended_offset_ms! - 200 - startMs) / words.length;
    return words.map((word, w) => ({ word, start: (startMs + w * stepMs) / 1000, end: (startMs + (w + 0.8) * stepMs) / 1000 }));
  });
  return {
    task: 'transcribe',
    language: 'english',
    text: answers.slice(0, answered.length).join('. '),
    segments: segments.map((words, id) => ({
      id,
      start: words[0]!.start,
      end: words.at(-1)!.end,
      text: ` ${words.map((w) => w.word).join(' ')}.`,
      avg_logprob: -0.2,
    })),
    words: segments.flat(),
  };
}

/**
 * Scripts the loopback OpenAI server for a recorded session: the transcript of `answers` over
 * the answered questions' windows, and a score that quotes them. Returns the session's questions.
 */
export function feedFakeAi(
  fake: FakeOpenAI,
  server: DevServerProcess,
  sessionId: string,
  answers: readonly string[],
  interviewType: InterviewType = 'behavioral',
) {
  const db = server.db();
  const questions = db
    .prepare('SELECT * FROM session_questions WHERE session_id = ? ORDER BY position')
    .all(sessionId) as QuestionRow[];
  db.close();
  const answered = questions.filter((q) => q.answer_ended_offset_ms !== null);
  fake.setTranscript({ kind: 'reply', body: transcriptReply(answered, answers) });
  fake.setChatReply(
    scoreReplyFor(
      interviewType,
      questions.map((q) => {
        const i = answered.indexOf(q);
        return { questionId: q.id, quote: i < 0 ? null : answers[i]!.split(' ').slice(1, 4).join(' ') };
      }),
    ),
  );
  return { questions, answered };
}
