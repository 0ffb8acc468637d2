import { create } from 'zustand';
import type { SessionDetail } from '../../../../shared/domain/types';

/**
 * loading → connecting → asking → [thinking] → answering → [choosing] → [considering] → asking … → saving → (navigates away)
 * thinking: the think-time countdown; choosing: after a retake, which take counts; considering:
 * the interviewer thinks of a follow-up (practice with follow-ups on), for a few seconds at most.
 * with side exits: unavailable (cannot run this session), blocked (no camera or recording could
 * not start; can retry), stopped (recording ended early and was saved), failed (saving failed).
 */
export type RoomPhase =
  | 'loading'
  | 'unavailable'
  | 'connecting'
  | 'blocked'
  | 'asking'
  | 'thinking'
  | 'answering'
  | 'choosing'
  | 'considering'
  | 'saving'
  | 'stopped'
  | 'failed';

/** The interview is running: a question is on, the recording too. */
export function isLive(phase: RoomPhase): boolean {
  return phase === 'asking' || phase === 'thinking' || phase === 'answering' || phase === 'choosing' || phase === 'considering';
}

export interface RoomState {
  phase: RoomPhase;
  /** Its questions are sorted by position. */
  detail: SessionDetail | null;
  /** The sentence shown for unavailable, blocked, stopped and failed. */
  message: string | null;
  /** Blocked because a chosen device is gone: offer the system default devices. */
  deviceMissing: boolean;
  stream: MediaStream | null;
  index: number;
  /** performance.now() of the recorder's start: offsets and the elapsed clock count from it. */
  recordingStartedAt: number | null;
  answerStartedAt: number | null;
  /** performance.now() when the running countdown (think time or answer limit) reaches zero. */
  deadline: number | null;
  /** The running countdown's full length, for its progress bar. */
  countdownMs: number | null;
  /** Practice only: the flow and its countdowns are on hold (the recording goes on). */
  paused: boolean;
  /** What was left of the countdown when paused. */
  remainingMs: number | null;
  /** The current question's takes so far, with their lengths. */
  takes: { number: number; durationMs: number }[];
  /** The candidate may record another take of the current answer. */
  canRetake: boolean;
  speaking: boolean;
  /** Counts speech 'boundary' events so the avatar's mouth can pulse on words. */
  boundaries: number;
  /** The mouth's opening from the OpenAI voice's audio level; null: no level (system voice). */
  mouthLevel: number | null;
  warnings: string[];
  /** Why the last answer got no follow-up when something went wrong (shown quietly); null otherwise. */
  followUpNote: string | null;
  endDialogOpen: boolean;
}

export const initialRoomState: RoomState = {
  phase: 'loading',
  detail: null,
  message: null,
  deviceMissing: false,
  stream: null,
  index: 0,
  recordingStartedAt: null,
  answerStartedAt: null,
  deadline: null,
  countdownMs: null,
  paused: false,
  remainingMs: null,
  takes: [],
  canRetake: false,
  speaking: false,
  boundaries: 0,
  mouthLevel: null,
  warnings: [],
  followUpNote: null,
  endDialogOpen: false,
};

/** State only; the InterviewController owns the recorder and drives the transitions. */
export const useRoomStore = create<RoomState>()(() => initialRoomState);
