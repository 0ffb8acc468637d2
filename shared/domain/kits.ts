import type { InterviewType, SessionMode, SessionStatus } from './enums';

// Interview kits (issue 6): a question set with its rules, the role, the instructions and the
// mode, sent by a hiring manager to a candidate as a .interviewkit file.

export const KIT_EXTENSION = '.interviewkit';
/** A kit is a few KB of JSON; anything near this is not one. */
export const MAX_KIT_BYTES = 1024 * 1024;

/** The person a kit is sent to; their interview lands under them on the way back. */
export interface KitCandidate {
  name: string;
  email: string | null;
}

/** What a question set made from an imported kit says about the kit. */
export interface KitInfo {
  id: string;
  /** The company or hiring manager it came from. */
  sender: string;
  jobTitle: string;
  mode: SessionMode;
  candidate: KitCandidate | null;
  /** The candidate here that the kit's interviews are recorded for. */
  candidateId: string | null;
}

/** A kit made here (exported) or received (imported), with the interviews that came of it. */
export interface KitSummary {
  id: string;
  origin: 'exported' | 'imported';
  name: string;
  interviewType: InterviewType;
  mode: SessionMode;
  jobTitle: string;
  sender: string;
  instructions: string;
  candidate: KitCandidate | null;
  questionSetId: string | null;
  createdAt: number;
  /** Sessions recorded under this kit that are on this laptop (for the sender: returned bundles). */
  returns: { sessionId: string; candidateId: string; candidateName: string; status: SessionStatus; createdAt: number }[];
}

/** A kit file read and checked, before it is imported. */
export interface KitPreview {
  id: string;
  name: string;
  sender: string;
  jobTitle: string;
  interviewType: InterviewType;
  mode: SessionMode;
  instructions: string;
  questionCount: number;
  candidate: KitCandidate | null;
  /** Already imported here: importing again opens the same set. */
  alreadyImported: boolean;
}

export interface KitExportOutcome {
  /** False when the user closed the save dialog. */
  saved: boolean;
  fileName: string;
  kitId: string | null;
  /** Browser mode: where the page downloads the file. */
  downloadUrl: string | null;
}
