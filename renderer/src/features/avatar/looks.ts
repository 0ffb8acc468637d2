export interface AvatarLook {
  id: string;
  name: string;
  skin: string;
  skinShade: string;
  hair: string;
  shirt: string;
  jacket: string;
  lips: string;
  hairStyle: 'long' | 'short';
}

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
  },
] as const satisfies readonly AvatarLook[];

export type AvatarId = (typeof AVATAR_LOOKS)[number]['id'];

/** Sessions store the avatar as a free string; an unknown one falls back to the first look. */
export function findLook(id: string): AvatarLook {
  return AVATAR_LOOKS.find((look) => look.id === id) ?? AVATAR_LOOKS[0];
}
