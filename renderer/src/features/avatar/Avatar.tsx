import { useEffect, useState } from 'react';
import { findLook, type AvatarLook } from './looks';
import './avatar.css';

interface AvatarProps {
  look: string;
  speaking: boolean;
  /** Increments on each speech 'boundary' event (a word); each change pulses the mouth and brows. */
  pulse?: number;
  /** How open the mouth is (0–1), from the audio's level; null or absent: a talking rhythm. */
  level?: number | null;
  className?: string;
}

/** Blinks at random 2–6 s intervals, as people do, rather than on a metronome. */
function useBlink(): boolean {
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setClosed(true);
          timer = setTimeout(() => {
            setClosed(false);
            schedule();
          }, 140);
        },
        2000 + Math.random() * 4000,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return closed;
}

/** While listening, the eyes rest on the candidate and now and then glance aside, briefly. */
function useGlance(active: boolean): number {
  const [dx, setDx] = useState(0);
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setDx(Math.random() < 0.5 ? -2.2 : 2.2);
          timer = setTimeout(() => {
            setDx(0);
            schedule();
          }, 700);
        },
        4000 + Math.random() * 5000,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [active]);
  return active ? dx : 0;
}

function Hair({ look, layer }: { look: AvatarLook; layer: 'back' | 'front' }) {
  if (look.hairStyle === 'bun') {
    return layer === 'back' ? (
      <circle cx="100" cy="44" r="17" fill={look.hair} />
    ) : (
      <path d="M62 92 C56 50 82 44 100 44 C122 44 144 52 138 92 C132 70 118 60 100 60 C84 60 68 70 62 92 Z" fill={look.hair} />
    );
  }
  if (look.hairStyle === 'long') {
    return layer === 'back' ? (
      <path d="M56 92 C52 40 148 40 144 92 C150 140 152 176 132 186 L68 186 C48 176 50 140 56 92 Z" fill={look.hair} />
    ) : (
      <path
        d="M60 96 C56 52 84 38 104 40 C132 42 146 62 142 98 C136 78 126 66 112 60 C100 72 80 80 62 84 Z"
        fill={look.hair}
      />
    );
  }
  return layer === 'back' ? null : (
    <path
      d="M62 90 C58 54 80 42 100 42 C124 42 142 54 138 90 C134 74 128 66 120 62 C108 68 88 68 76 62 C70 68 66 78 62 90 Z"
      fill={look.hair}
    />
  );
}

/** The open mouth: its size follows the audio level when there is one. */
function Mouth({ look, level }: { look: AvatarLook; level: number | null }) {
  if (level === null) return <ellipse className="avatar-mouth-talk" cx="100" cy="124" rx="8" ry="5" fill={look.lips} />;
  return <ellipse cx="100" cy="124" rx={7 + level * 2} ry={0.8 + level * 6} fill={look.lips} />;
}

export function Avatar({ look: lookId, speaking, pulse = 0, level = null, className = '' }: AvatarProps) {
  const look = findLook(lookId);
  const blinking = useBlink();
  const glance = useGlance(!speaking);
  return (
    <svg
      className={`avatar ${speaking ? 'avatar-speaking' : 'avatar-idle'} ${className}`}
      viewBox="0 0 200 200"
      role="img"
      aria-label={`${look.name}, the interviewer${speaking ? ', speaking' : ''}`}
    >
      <g className="avatar-head">
        <Hair look={look} layer="back" />
        <path d="M28 200 C30 164 62 150 100 150 C138 150 170 164 172 200 Z" fill={look.jacket} />
        <path d="M80 152 L100 184 L120 152 Z" fill={look.shirt} />
        <path d="M80 152 L100 184 L88 200 L72 158 Z M120 152 L100 184 L112 200 L128 158 Z" fill={look.jacket} opacity="0.85" />
        <rect x="87" y="118" width="26" height="38" rx="11" fill={look.skinShade} />
        <ellipse cx="63" cy="98" rx="6" ry="10" fill={look.skinShade} />
        <ellipse cx="137" cy="98" rx="6" ry="10" fill={look.skinShade} />
        <ellipse cx="100" cy="94" rx="37" ry="45" fill={look.skin} />
        <Hair look={look} layer="front" />
        {look.beard && (
          <path d="M66 104 C68 136 84 146 100 146 C116 146 132 136 134 104 C128 120 118 128 100 128 C82 128 72 120 66 104 Z" fill={look.hair} />
        )}
        <g key={`brows-${pulse}`} className={speaking && pulse > 0 ? 'avatar-brows-pulse' : undefined}>
          <path d="M79 84 Q87 80 94 84 M106 84 Q113 80 121 84" stroke={look.hair} strokeWidth="3" strokeLinecap="round" fill="none" />
        </g>
        <g className={`avatar-eyes ${blinking ? 'avatar-eyes-closed' : ''}`} fill="#2b2622" style={{ translate: `${glance}px 0` }}>
          <ellipse cx="87" cy="96" rx="3.6" ry="4.4" />
          <ellipse cx="113" cy="96" rx="3.6" ry="4.4" />
        </g>
        {look.glasses && (
          <g stroke="#2f3437" strokeWidth="2" fill="none">
            <rect x="75" y="88" width="23" height="17" rx="6" />
            <rect x="102" y="88" width="23" height="17" rx="6" />
            <path d="M98 95 L102 95" />
          </g>
        )}
        <path d="M100 100 Q96 110 100 113 Q103 113 104 111" stroke={look.skinShade} strokeWidth="2.2" fill="none" strokeLinecap="round" />
        <g key={pulse} className={pulse > 0 ? 'avatar-mouth-pulse' : undefined}>
          {speaking ? (
            <Mouth look={look} level={level} />
          ) : (
            <path d="M90 122 Q100 130 110 122" stroke={look.lips} strokeWidth="3" strokeLinecap="round" fill="none" />
          )}
        </g>
      </g>
    </svg>
  );
}
