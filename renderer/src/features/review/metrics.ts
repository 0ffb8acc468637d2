import { LONG_PAUSE_MS, type VoiceMetrics } from '../../../../shared/domain/types';
import { talkShare } from '../../../../shared/domain/compare';
import { formatSeconds, plural } from '../../lib/format';


/** "2 pauses over 2 s (longest 3.1 s)", "No pauses over 2 s". */
export function formatPauses(m: VoiceMetrics): string {
  const over = `over ${formatSeconds(LONG_PAUSE_MS)}`;
  if (m.longPauseCount === 0) return `No pauses ${over}`;
  return `${plural(m.longPauseCount, 'pause')} ${over} (longest ${formatSeconds(m.longestPauseMs)})`;
}

/** "-18 LUFS". */
export const formatLufs = (lufs: number) => `${Math.round(lufs)} LUFS`;

/** A word on loudness for people who do not know LUFS; speech is usually mixed near −16 to −23. */
export function loudnessVerdict(lufs: number): string {
  if (lufs < -30) return 'very quiet';
  if (lufs < -24) return 'quiet';
  if (lufs <= -12) return 'good level';
  return 'loud';
}

export function formatClipping(percent: number): string {
  if (percent === 0) return 'No clipping';
  return `${percent < 0.1 ? '<0.1' : percent < 10 ? percent.toFixed(1) : Math.round(percent)}% clipped`;
}

export const formatWpm = (wpm: number) => `${Math.round(wpm)} wpm`;

/** Fillers by count, most used first: [["um", 4], ["like", 2]]. */
export function topFillers(m: VoiceMetrics, limit = 3): [string, number][] {
  return Object.entries(m.fillers ?? {})
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

/** Also a take's metrics, which have these fields. */
type Compact = Pick<VoiceMetrics, 'talkMs' | 'silenceMs' | 'wordsPerMinute' | 'answerWords' | 'fillerCount' | 'longPauseCount' | 'responseLatencyMs'>;

/** The compact line under a question: "142 wpm · 3 fillers · 1 long pause · started after 1.2 s". */
export function compactMetrics(m: Compact): string[] {
  const parts: string[] = [];
  if (m.wordsPerMinute !== null) parts.push(formatWpm(m.wordsPerMinute));
  if (m.answerWords !== null) parts.push(plural(m.answerWords, 'word'));
  if (m.fillerCount !== null) parts.push(plural(m.fillerCount, 'filler'));
  if (m.longPauseCount > 0) parts.push(plural(m.longPauseCount, 'long pause'));
  if (m.responseLatencyMs !== null) parts.push(`started after ${formatSeconds(m.responseLatencyMs)}`);
  if (parts.length === 0) {
    const share = talkShare(m);
    if (share !== null) parts.push(`talking ${Math.round(share * 100)}% of the time`);
  }
  return parts;
}

/**
 * The whole-interview row, with its transcript-based figures filled in from the answers when
 * main left them empty: words and fillers add up, pace is words over speaking time per answer,
 * response latency is the mean.
 */
export function wholeInterview(voice: readonly VoiceMetrics[]): VoiceMetrics | null {
  const whole = voice.find((m) => m.sessionQuestionId === null);
  if (!whole) return null;
  const answers = voice.filter((m) => m.sessionQuestionId !== null);
  const withWords = answers.filter((m) => m.answerWords !== null && m.wordsPerMinute !== null && m.wordsPerMinute > 0);
  const totalWords = withWords.reduce((sum, m) => sum + (m.answerWords ?? 0), 0);
  const minutes = withWords.reduce((sum, m) => sum + (m.answerWords ?? 0) / (m.wordsPerMinute ?? 1), 0);
  const withFillers = answers.filter((m) => m.fillerCount !== null);
  const fillers: Record<string, number> = {};
  for (const m of withFillers) {
    for (const [word, count] of Object.entries(m.fillers ?? {})) fillers[word] = (fillers[word] ?? 0) + count;
  }
  const latencies = answers.flatMap((m) => (m.responseLatencyMs === null ? [] : [m.responseLatencyMs]));
  return {
    ...whole,
    wordsPerMinute: whole.wordsPerMinute ?? (minutes > 0 ? totalWords / minutes : null),
    answerWords: whole.answerWords ?? (withWords.length ? totalWords : null),
    fillerCount: whole.fillerCount ?? (withFillers.length ? withFillers.reduce((sum, m) => sum + (m.fillerCount ?? 0), 0) : null),
    fillers: whole.fillers ?? (withFillers.length ? fillers : null),
    responseLatencyMs:
      whole.responseLatencyMs ?? (latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null),
  };
}
