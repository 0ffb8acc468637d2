import type { Generated } from 'kysely';

// Kysely's view of the schema in migrations/ (camelCase through CamelCasePlugin). Repositories
// map these rows to the types in shared/.

export interface CandidatesTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  notes: string | null;
  isSelf: number;
  createdAt: number;
  updatedAt: number;
}

export interface SessionsTable {
  id: string;
  candidateId: string;
  interviewType: string;
  mode: string;
  jobTitle: string;
  company: string | null;
  industry: string | null;
  experienceLevel: string | null;
  jobDescription: string | null;
  resumeFileName: string | null;
  resumeText: string | null;
  questionSetId: string | null;
  questionSetName: string | null;
  instructions: string | null;
  status: string;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  completedAt: number | null;
  avatar: string;
  avatarSettings: string;
  environment: string | null;
  aiProcessing: number;
  createdAt: number;
  updatedAt: number;
}

export interface SessionQuestionsTable {
  id: string;
  sessionId: string;
  position: number;
  text: string;
  category: string | null;
  difficulty: string | null;
  keywords: string;
  askedOffsetMs: number | null;
  answerStartedOffsetMs: number | null;
  answerEndedOffsetMs: number | null;
  askedAt: number | null;
  answerStartedAt: number | null;
  answerEndedAt: number | null;
  responseTimeMs: number | null;
  skipped: number;
  retakeCount: number;
  lookFor: string | null;
  thinkTimeMs: number;
  answerLimitMs: number | null;
  retakesAllowed: number;
  thinkStartedOffsetMs: number | null;
}

export interface AnswerTakesTable {
  id: string;
  sessionQuestionId: string;
  takeNumber: number;
  startedOffsetMs: number;
  endedOffsetMs: number | null;
  startedAt: number;
  endedAt: number | null;
  chosen: number;
}

export interface RecordingsTable {
  id: string;
  sessionId: string;
  path: string;
  mimeType: string;
  codecs: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
  durationMs: number | null;
  status: string;
  startedAt: number;
  endedAt: number | null;
  lastChunkAt: number | null;
  interruptedAt: number | null;
  error: string | null;
}

export interface SessionEventsTable {
  id: Generated<number>;
  sessionId: string;
  at: number;
  offsetMs: number | null;
  kind: string;
  level: string;
  message: string;
}

export interface ReviewsTable {
  sessionId: string;
  overallRating: number | null;
  scorecard: string;
  decision: string | null;
  decisionNote: string | null;
  decidedAt: number | null;
  blind: number;
  createdAt: number;
  updatedAt: number;
}

export interface QuestionRatingsTable {
  sessionQuestionId: string;
  sessionId: string;
  rating: number;
  note: string | null;
  updatedAt: number;
}

export interface ReviewCommentsTable {
  id: string;
  sessionId: string;
  sessionQuestionId: string | null;
  offsetMs: number | null;
  body: string;
  createdAt: number;
  updatedAt: number;
}

export interface DB {
  candidates: CandidatesTable;
  sessions: SessionsTable;
  sessionQuestions: SessionQuestionsTable;
  answerTakes: AnswerTakesTable;
  recordings: RecordingsTable;
  sessionEvents: SessionEventsTable;
  reviews: ReviewsTable;
  questionRatings: QuestionRatingsTable;
  reviewComments: ReviewCommentsTable;
}
