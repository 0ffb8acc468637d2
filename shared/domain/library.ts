import type { Decision, InterviewType, SessionMode, SessionStatus } from './enums';
import type { Candidate } from './types';

// The library list, search, candidates overview and dashboards: what main answers the page.

export const LIBRARY_SORTS = ['date', 'candidate', 'type', 'jobTitle', 'duration', 'status', 'score', 'decision'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** A decision filter: one of the decisions, or sessions nobody has decided on yet. */
export const DECISION_FILTERS = ['passed', 'failed', 'needs_review', 'undecided'] as const;
export type DecisionFilter = (typeof DECISION_FILTERS)[number];

export const DECISION_LABELS: Record<Decision, string> = {
  passed: 'Passed',
  failed: 'Failed',
  needs_review: 'Needs review',
};

export interface LibraryFilters {
  candidateId?: string | null;
  interviewType?: InterviewType | null;
  status?: SessionStatus | null;
  decision?: DecisionFilter | null;
  /** AI overall score, 0 to 10, both ends included. */
  scoreMin?: number | null;
  scoreMax?: number | null;
  /** Created at or after / before these times (epoch ms). */
  from?: number | null;
  to?: number | null;
}

export interface LibraryRow {
  id: string;
  candidateId: string;
  candidateName: string;
  interviewType: InterviewType;
  mode: SessionMode;
  jobTitle: string;
  company: string | null;
  /** When the interview started, or was created if it never did. */
  date: number;
  durationMs: number | null;
  status: SessionStatus;
  /** The AI's overall score (0-10), once scored. */
  score: number | null;
  decision: Decision | null;
  /** Relative to the data folder, like recordings. */
  thumbnailPath: string | null;
  questionCount: number;
  answeredCount: number;
  /** The interview kit it was recorded under (its name), if any. */
  kitName: string | null;
}

export interface LibraryPage {
  /** Rows matching the filters, all pages together. */
  total: number;
  offset: number;
  rows: LibraryRow[];
}

export const SEARCH_HIT_KINDS = [
  'transcript',
  'question',
  'candidate',
  'candidate_notes',
  'session',
  'decision_note',
  'rating_note',
  'comment',
] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

export const SEARCH_HIT_LABELS: Record<SearchHitKind, string> = {
  transcript: 'Transcript',
  question: 'Question',
  candidate: 'Candidate',
  candidate_notes: 'Candidate notes',
  session: 'Position',
  decision_note: 'Decision note',
  rating_note: 'Rating note',
  comment: 'Comment',
};

/** Marks around the matched words in a snippet; the page turns them into highlights. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface SearchHit {
  kind: SearchHitKind;
  /** The session to open; null for a candidate's name or notes. */
  sessionId: string | null;
  candidateId: string | null;
  candidateName: string | null;
  jobTitle: string | null;
  /** Where on the recording the match is (segment start, comment, question asked). */
  offsetMs: number | null;
  /** Text around the match, with HIGHLIGHT_START / HIGHLIGHT_END around matched words. */
  snippet: string;
}

export interface CandidateStats {
  sessionCount: number;
  /** Average AI overall score over the scored sessions. */
  averageScore: number | null;
  /** The decision on the latest decided session. */
  latestDecision: Decision | null;
  lastSessionAt: number | null;
}

export interface CandidateOverview extends CandidateStats {
  candidate: Candidate;
}

export const SCORE_DIMENSIONS_CHARTED = ['overall', 'communication', 'technical', 'problemSolving', 'confidence', 'culturalFit'] as const;
export type ChartedDimension = (typeof SCORE_DIMENSIONS_CHARTED)[number];

export interface DashboardDay {
  /** YYYY-MM-DD in the user's time zone. */
  day: string;
  sessions: number;
  practicedMs: number;
  scores: Record<ChartedDimension, number | null>;
}

export interface CategoryScore {
  category: string;
  average: number;
  answers: number;
}

export interface DeliveryPoint {
  sessionId: string;
  date: number;
  fillerCount: number | null;
  wordsPerMinute: number | null;
}

export interface CandidateDashboard {
  sessions: number;
  completed: number;
  /** completed / sessions, or null with no sessions. */
  completionRate: number | null;
  practicedMs: number;
  days: DashboardDay[];
  /** Best first. */
  categories: CategoryScore[];
  delivery: DeliveryPoint[];
}

export interface PositionScore {
  jobTitle: string;
  sessions: number;
  averageScore: number | null;
}

export interface ManagerDashboard {
  sessions: number;
  completed: number;
  completionRate: number | null;
  byStatus: { status: SessionStatus; count: number }[];
  byDecision: { decision: DecisionFilter; count: number }[];
  byPosition: PositionScore[];
}
