import { create } from 'zustand';
import type { SessionDetail } from '../../../../shared/domain/types';

/**
 * loading → connecting → asking ⇄ answering → saving → (navigates away)
 * with side exits: unavailable (cannot run this session), blocked (no camera or recording could
 * not start; can retry), stopped (recording ended early and was saved), failed (saving failed).
 */
export type RoomPhase =
  | 'loading'
  | 'unavailable'
  | 'connecting'
  | 'blocked'
  | 'asking'
  | 'answering'
  | 'saving'
  | 'stopped'
  | 'failed';

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
  speaking: boolean;
  /** Counts speech 'boundary' events so the avatar's mouth can pulse on words. */
  boundaries: number;
  /** The mouth's opening from the OpenAI voice's audio level; null: no level (system voice). */
  mouthLevel: number | null;
  warnings: string[];
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
  speaking: false,
  boundaries: 0,
  mouthLevel: null,
  warnings: [],
  endDialogOpen: false,
};

/** State only; the InterviewController owns the recorder and drives the transitions. */
export const useRoomStore = create<RoomState>()(() => initialRoomState);
