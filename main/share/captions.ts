// WebVTT and SubRip captions from transcript segments (the user's correction wins over what the
// service heard), for players that do not read session.json.

export interface CaptionCue {
  startMs: number;
  endMs: number;
  text: string;
}

function stamp(ms: number, separator: '.' | ','): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(total % 1000, 3)}`;
}

// A blank line ends a cue and "-->" starts a timing line: neither may appear inside cue text.
const cueText = (text: string) => text.replace(/\r?\n\s*\r?\n/g, '\n').replace(/-->/g, '->').trim();

export function toVtt(cues: readonly CaptionCue[]): string {
  const body = cues
    .filter((c) => cueText(c.text) !== '')
    .map((c, i) => `${i + 1}\n${stamp(c.startMs, '.')} --> ${stamp(Math.max(c.endMs, c.startMs), '.')}\n${cueText(c.text)}\n`)
    .join('\n');
  return `WEBVTT\n\n${body}`;
}

export function toSrt(cues: readonly CaptionCue[]): string {
  return cues
    .filter((c) => cueText(c.text) !== '')
    .map((c, i) => `${i + 1}\r\n${stamp(c.startMs, ',')} --> ${stamp(Math.max(c.endMs, c.startMs), ',')}\r\n${cueText(c.text).replace(/\n/g, '\r\n')}\r\n`)
    .join('\r\n');
}
