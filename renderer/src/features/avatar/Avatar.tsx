import { useEffect, useState } from 'react';
import { findLook, type AvatarLook } from './looks';

interface AvatarProps {
  look: string;
  speaking: boolean;
  /** Increments on each speech 'boundary' event (a word); each change pulses the mouth. */
  pulse?: number;
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

function Hair({ look, layer }: { look: AvatarLook; layer: 'back' | 'front' }) {
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

export function Avatar({ look: lookId, speaking, pulse = 0, className = '' }: AvatarProps) {
  const look = findLook(lookId);
  const blinking = useBlink();
  return (
    <svg
      className={`avatar ${speaking ? 'avatar-speaking' : ''} ${className}`}
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
        <path d="M79 84 Q87 80 94 84 M106 84 Q113 80 121 84" stroke={look.hair} strokeWidth="3" strokeLinecap="round" fill="none" />
        <g className={`avatar-eyes ${blinking ? 'avatar-eyes-closed' : ''}`} fill="#2b2622">
          <ellipse cx="87" cy="96" rx="3.6" ry="4.4" />
          <ellipse cx="113" cy="96" rx="3.6" ry="4.4" />
        </g>
        {look.id === 'sam' && (
          <g stroke="#2f3437" strokeWidth="2" fill="none">
            <rect x="75" y="88" width="23" height="17" rx="6" />
            <rect x="102" y="88" width="23" height="17" rx="6" />
            <path d="M98 95 L102 95" />
          </g>
        )}
        <path d="M100 100 Q96 110 100 113 Q103 113 104 111" stroke={look.skinShade} strokeWidth="2.2" fill="none" strokeLinecap="round" />
        <g key={pulse} className={pulse > 0 ? 'avatar-mouth-pulse' : undefined}>
          {speaking ? (
            <ellipse className="avatar-mouth-talk" cx="100" cy="124" rx="8" ry="5" fill={look.lips} />
          ) : (
            <path d="M90 122 Q100 130 110 122" stroke={look.lips} strokeWidth="3" strokeLinecap="round" fill="none" />
          )}
        </g>
      </g>
    </svg>
  );
}
