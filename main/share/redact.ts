import type { FfmpegSpec } from '../media/runFfmpeg';
import type { Redaction, Row, SessionDoc } from './bundleFormat';

// Redaction before export: trim the recording's start and end, and drop chosen answers (their
// stretch of video, their transcript segments and their scores). The video is re-encoded when
// anything is cut, so cuts land exactly where asked (a -c copy cut would snap to keyframes
// seconds away), and every offset in the document is moved onto the new, shorter timeline.

export interface RedactionRequest {
  trimStartMs?: number;
  /** Where the kept part ends; null or absent: the end of the recording. */
  trimEndMs?: number | null;
  dropQuestionIds?: string[];
}

export const isEmptyRedaction = (r: RedactionRequest | undefined): boolean =>
  !r || (!r.trimStartMs && (r.trimEndMs ?? null) === null && !r.dropQuestionIds?.length);

type Span = { from: number; to: number };

/** The timeline after the cuts: the parts kept, and a map from old offsets to new ones. */
export class Timeline {
  readonly kept: Span[];
  constructor(durationMs: number, removed: Span[]) {
    const cuts = removed.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
    const kept: Span[] = [];
    let at = 0;
    for (const c of cuts) {
      if (c.from > at) kept.push({ from: at, to: Math.min(c.from, durationMs) });
      at = Math.max(at, c.to);
    }
    if (at < durationMs) kept.push({ from: at, to: durationMs });
    this.kept = kept.filter((k) => k.to > k.from);
  }
  get durationMs(): number {
    return this.kept.reduce((n, k) => n + (k.to - k.from), 0);
  }
  /** The offset on the new timeline, or null when that moment was cut. */
  map(ms: number | null | undefined): number | null {
    if (ms === null || ms === undefined) return null;
    let before = 0;
    for (const k of this.kept) {
      if (ms < k.from) return null;
      if (ms <= k.to) return Math.round(before + (ms - k.from));
      before += k.to - k.from;
    }
    return null;
  }
}

const n = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Applies a redaction to a session document; returns the new document, what was removed, and the timeline. */
export function redactDoc(doc: SessionDoc, request: RedactionRequest): { doc: SessionDoc; redactions: Redaction[]; timeline: Timeline } {
  const durationMs = n(doc.recording?.duration_ms) ?? n(doc.session.duration_ms) ?? 0;
  const start = Math.max(0, Math.min(request.trimStartMs ?? 0, durationMs));
  const end = request.trimEndMs === null || request.trimEndMs === undefined ? durationMs : Math.max(start, Math.min(request.trimEndMs, durationMs));
  const drop = new Set(request.dropQuestionIds ?? []);
  const redactions: Redaction[] = [];
  const removed: Span[] = [{ from: 0, to: start }, { from: end, to: durationMs }];
  if (start > 0 || end < durationMs) redactions.push({ kind: 'trim', startMs: start, endMs: end < durationMs ? end : null, removedMs: start + (durationMs - end) });
  for (const q of doc.questions) {
    if (!drop.has(String(q.id))) continue;
    const from = n(q.answer_started_offset_ms) ?? n(q.asked_offset_ms);
    const to = n(q.answer_ended_offset_ms) ?? from;
    if (from === null || to === null) continue;
    removed.push({ from, to });
    redactions.push({ kind: 'answer', sessionQuestionId: String(q.id), position: Number(q.position), question: String(q.text), fromMs: from, toMs: to });
  }
  const timeline = new Timeline(durationMs, removed);
  const at = (v: unknown) => timeline.map(n(v));
  const dropped = (id: unknown) => drop.has(String(id));
  const quoteKept = (quote: unknown) => {
    const q = quote as Row | null;
    return !q || at(q.startMs) !== null;
  };
  const moveQuote = (quote: unknown) => {
    const q = quote as Row | null;
    return q ? { ...q, startMs: at(q.startMs), endMs: at(q.endMs) ?? at(q.startMs) } : q;
  };
  const claims = (v: unknown) =>
    Array.isArray(v) ? (v as Row[]).filter((c) => quoteKept(c.quote)).map((c) => ({ ...c, quote: moveQuote(c.quote) })) : v;

  const questions = doc.questions.map((q) => {
    const cut = dropped(q.id);
    return {
      ...q,
      asked_offset_ms: at(q.asked_offset_ms),
      answer_started_offset_ms: cut ? null : at(q.answer_started_offset_ms),
      answer_ended_offset_ms: cut ? null : at(q.answer_ended_offset_ms),
      ...(cut ? { answer_started_at: null, answer_ended_at: null, response_time_ms: null } : {}),
    };
  });
  const segments = (doc.transcript?.segments ?? []).flatMap((s) => {
    const mid = (Number(s.start_ms) + Number(s.end_ms)) / 2;
    if (timeline.map(mid) === null) return [];
    const words = Array.isArray(s.words) ? (s.words as Row[]).filter((w) => at(w.startMs) !== null).map((w) => ({ ...w, startMs: at(w.startMs), endMs: at(w.endMs) ?? at(w.startMs) })) : s.words;
    const startMs = at(s.start_ms) ?? timeline.map(mid)!;
    return [{ ...s, start_ms: startMs, end_ms: Math.max(startMs, at(s.end_ms) ?? timeline.map(mid)!), words }];
  });
  return {
    redactions,
    timeline,
    doc: {
      ...doc,
      questions,
      recording: doc.recording && { ...doc.recording, duration_ms: timeline.durationMs },
      session: { ...doc.session, duration_ms: doc.session.duration_ms === null ? null : timeline.durationMs },
      // The poster frame may show what was cut.
      media: doc.media.filter((m) => m.kind !== 'thumbnail' && m.kind !== 'audio'),
      voiceMetrics: doc.voiceMetrics
        .filter((v) => !dropped(v.session_question_id))
        .map((v) => ({ ...v, pauses: Array.isArray(v.pauses) ? (v.pauses as Row[]).filter((p) => at(p.startMs) !== null).map((p) => ({ startMs: at(p.startMs), endMs: at(p.endMs) ?? at(p.startMs) })) : v.pauses })),
      transcript: doc.transcript && { ...doc.transcript, segments: segments.map((s, position) => ({ ...s, position })) },
      evaluations: doc.evaluations.map((e) => ({
        ...e,
        strengths: claims(e.strengths),
        improvements: claims(e.improvements),
        recommendations: claims(e.recommendations),
        questions: e.questions
          .filter((q) => !dropped(q.session_question_id))
          .map((q) => ({ ...q, quotes: Array.isArray(q.quotes) ? (q.quotes as Row[]).filter(quoteKept).map(moveQuote) : q.quotes })),
      })),
      questionRatings: doc.questionRatings.filter((r) => !dropped(r.session_question_id)),
      comments: doc.comments.filter((c) => !dropped(c.session_question_id) && (c.offset_ms === null || at(c.offset_ms) !== null)).map((c) => ({ ...c, offset_ms: at(c.offset_ms) })),
      events: doc.events.map((e) => ({ ...e, offset_ms: at(e.offset_ms) })),
    },
  };
}

/** Re-encodes only the kept parts, back to back (trim + concat: exact and safe with MediaRecorder's variable frame rate). */
export function redactSpec(input: string, output: string, timeline: Timeline, container: 'mp4' | 'webm', hasAudio: boolean): FfmpegSpec {
  const sec = (ms: number) => (ms / 1000).toFixed(3);
  const parts = timeline.kept.map((k, i) => {
    const v = `[0:v:0]trim=start=${sec(k.from)}:end=${sec(k.to)},setpts=PTS-STARTPTS[v${i}]`;
    const a = hasAudio ? `;[0:a:0]atrim=start=${sec(k.from)}:end=${sec(k.to)},asetpts=PTS-STARTPTS[a${i}]` : '';
    return v + a;
  });
  const inputs = timeline.kept.map((_, i) => `[v${i}]${hasAudio ? `[a${i}]` : ''}`).join('');
  const graph = `${parts.join(';')};${inputs}concat=n=${timeline.kept.length}:v=1:a=${hasAudio ? 1 : 0}[cv]${hasAudio ? '[ca]' : ''};[cv]scale=trunc(iw/2)*2:trunc(ih/2)*2[v]`;
  return {
    inputs: [{ path: input, options: [] }],
    outputOptions: [
      '-filter_complex', graph,
      '-map', '[v]', ...(hasAudio ? ['-map', '[ca]'] : []),
      ...(container === 'mp4'
        ? ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', '-f', 'mp4']
        : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1500k', '-c:a', 'libopus', '-f', 'webm']),
    ],
    output,
  };
}
