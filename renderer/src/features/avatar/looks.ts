import type { OpenAiVoice } from '../../../../shared/domain/voices';

export interface AvatarVoice {
  /** OpenAI voice when the session uses OpenAI text-to-speech and no other voice was chosen. */
  openai: OpenAiVoice;
  /** System speech: each look sounds different even when the system has a single voice. */
  pitch: number;
  /** System voice names to prefer, first match wins (e.g. the macOS, Windows and espeak ones). */
  hints: readonly string[];
}

export interface AvatarLook {
  id: string;
  name: string;
  skin: string;
  skinShade: string;
  hair: string;
  shirt: string;
  jacket: string;
  lips: string;
  hairStyle: 'long' | 'short' | 'bun';
  glasses: boolean;
  beard: boolean;
  voice: AvatarVoice;
}

const FEMALE_HINTS = ['female', 'samantha', 'zira', 'karen', 'victoria', 'moira', 'tessa', 'fiona'] as const;
const MALE_HINTS = ['male', 'daniel', 'david', 'alex', 'fred', 'mark', 'george', 'rishi'] as const;

export const AVATAR_LOOKS = [
  {
    id: 'ava',
    name: 'Ava',
    skin: '#f1c6a7',
    skinShade: '#e0ad8d',
    hair: '#5a3825',
    shirt: '#f4f1ea',
    jacket: '#3f5d7d',
    lips: '#c26d6a',
    hairStyle: 'long',
    glasses: false,
    beard: false,
    voice: { openai: 'nova', pitch: 1.1, hints: FEMALE_HINTS },
  },
  {
    id: 'sam',
    name: 'Sam',
    skin: '#a86f4c',
    skinShade: '#925d3d',
    hair: '#1f1a17',
    shirt: '#dfe8e1',
    jacket: '#4b5a4a',
    lips: '#6e3b2c',
    hairStyle: 'short',
    glasses: true,
    beard: false,
    voice: { openai: 'echo', pitch: 0.95, hints: MALE_HINTS },
  },
  {
    id: 'mei',
    name: 'Mei',
    skin: '#f3d2b5',
    skinShade: '#e2b994',
    hair: '#17130f',
    shirt: '#fbe9ec',
    jacket: '#7a3e55',
    lips: '#b85a63',
    hairStyle: 'bun',
    glasses: false,
    beard: false,
    voice: { openai: 'shimmer', pitch: 1.25, hints: [...FEMALE_HINTS].reverse() },
  },
  {
    id: 'leo',
    name: 'Leo',
    skin: '#e4b795',
    skinShade: '#cf9d79',
    hair: '#9c9a96',
    shirt: '#eef1f4',
    jacket: '#2e3440',
    lips: '#9b5a4b',
    hairStyle: 'short',
    glasses: false,
    beard: true,
    voice: { openai: 'onyx', pitch: 0.8, hints: [...MALE_HINTS].reverse() },
  },
] as const satisfies readonly AvatarLook[];

export type AvatarId = (typeof AVATAR_LOOKS)[number]['id'];

/** Sessions store the avatar as a free string; an unknown one falls back to the first look. */
export function findLook(id: string): AvatarLook {
  return AVATAR_LOOKS.find((look) => look.id === id) ?? AVATAR_LOOKS[0];
}
