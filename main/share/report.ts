import PDFDocument from 'pdfkit';
import { formatClock, formatDuration } from '../../shared/domain/format';
import type { Redaction, Row, SessionDoc } from './bundleFormat';

// The PDF report of one session, drawn with pdfkit's built-in fonts (no font files to bundle):
// who, what role and when; the AI's scores as a bar chart; feedback per question with the
// transcript quotes it rests on; delivery metrics; the reviewer's decision; what was redacted.

const DIMENSIONS: [column: string, label: string][] = [
  ['overall', 'Overall'],
  ['communication', 'Communication'],
  ['technical', 'Technical'],
  ['problem_solving', 'Problem solving'],
  ['confidence', 'Confidence'],
  ['cultural_fit', 'Cultural fit'],
];
const DECISIONS: Record<string, string> = { passed: 'Passed', failed: 'Not passed', needs_review: 'Needs review' };
const ACCENT = '#3657c8';
const MUTED = '#5b6270';
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function renderReport(doc: SessionDoc, redactions: readonly Redaction[], options: { now: number }): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Interview report: ${str(doc.candidate.name)}`, Producer: 'Interview Recorder' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 100;
  const heading = (text: string) => {
    if (pdf.y > pdf.page.height - 140) pdf.addPage();
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#111').text(text).moveDown(0.3);
  };
  const body = (text: string, color = '#222') => pdf.font('Helvetica').fontSize(10).fillColor(color).text(text, { width });
  const field = (label: string, value: string) => {
    pdf.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(`${label}: `, { continued: true }).font('Helvetica').fillColor('#222').text(value || '—');
  };

  const s = doc.session;
  pdf.font('Helvetica-Bold').fontSize(20).fillColor('#111').text('Interview report');
  pdf.font('Helvetica').fontSize(11).fillColor(MUTED).text(`${str(doc.candidate.name)} · ${str(s.job_title) || 'No role given'}${str(s.company) ? ` at ${str(s.company)}` : ''}`);
  pdf.moveDown(0.8);
  field('Candidate', `${str(doc.candidate.name)}${str(doc.candidate.email) ? ` <${str(doc.candidate.email)}>` : ''}`);
  field('Role', [str(s.job_title), str(s.company)].filter(Boolean).join(', '));
  const kind = str(s.interview_type).replace(/_/g, ' ');
  field('Interview', `${kind.charAt(0).toUpperCase()}${kind.slice(1)} (${str(s.mode)})`);
  field('Date', new Date(num(s.started_at) ?? num(s.created_at) ?? options.now).toUTCString());
  field('Duration', formatDuration(num(s.duration_ms)));

  const ai = doc.evaluations.find((e) => e.source === 'ai') ?? null;
  heading('Scores');
  if (!ai) body('No AI scores: the interview was not scored.', MUTED);
  else {
    const labelW = 110;
    const barW = width - labelW - 40;
    for (const [column, label] of DIMENSIONS) {
      const value = num(ai[column]);
      if (value === null) continue;
      const y = pdf.y;
      pdf.font('Helvetica').fontSize(10).fillColor('#222').text(label, 50, y + 2, { width: labelW });
      pdf.rect(50 + labelW, y, barW, 12).fill('#e6e9f0');
      pdf.rect(50 + labelW, y, (barW * Math.max(0, Math.min(10, value))) / 10, 12).fill(column === 'overall' ? '#1f3a99' : ACCENT);
      pdf.fillColor('#222').text(value.toFixed(1), 50 + labelW + barW + 8, y + 2, { width: 40 });
      pdf.x = 50;
      pdf.y = y + 20;
    }
    pdf.x = 50;
    if (str(ai.summary)) {
      pdf.moveDown(0.4);
      body(str(ai.summary));
    }
    const claims = (title: string, v: unknown) => {
      const items = list<{ text?: string }>(v).map((c) => str(c.text)).filter(Boolean);
      if (!items.length) return;
      pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor('#111').text(title);
      pdf.font('Helvetica').fillColor('#222').list(items, { width, bulletRadius: 1.5 });
    };
    claims('Strengths', ai.strengths);
    claims('To improve', ai.improvements);
  }

  heading('Questions');
  const feedback = new Map((ai?.questions ?? []).map((q) => [str(q.session_question_id), q]));
  const dropped = new Set(redactions.flatMap((r) => (r.kind === 'answer' ? [r.sessionQuestionId] : [])));
  const asked = doc.questions.filter((q) => q.asked_offset_ms !== null || dropped.has(str(q.id)));
  if (!asked.length) body('No question was asked.', MUTED);
  for (const q of asked) {
    if (pdf.y > pdf.page.height - 120) pdf.addPage();
    const f = feedback.get(str(q.id));
    const score = f ? `  ${num(f.score)?.toFixed(1) ?? '—'}/10` : '';
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(11).fillColor('#111').text(`${Number(q.position) + 1}. ${q.follow_up_of ? 'Follow-up: ' : ''}${str(q.text)}${score}`, { width });
    if (dropped.has(str(q.id))) body('Answer removed before export.', MUTED);
    else if (Number(q.skipped) === 1) body('Skipped.', MUTED);
    else if (!f) body('Not scored.', MUTED);
    else {
      body(str(f.feedback));
      for (const quote of list<Row>(f.quotes).slice(0, 3)) {
        pdf.moveDown(0.2).font('Helvetica-Oblique').fontSize(9.5).fillColor(MUTED).text(`“${str(quote.text)}” (${formatClock(num(quote.startMs) ?? 0)})`, { width, indent: 12 });
      }
    }
  }

  heading('Delivery');
  const whole = doc.voiceMetrics.find((v) => v.session_question_id === null) ?? null;
  if (!whole) body('No delivery metrics were measured.', MUTED);
  else {
    const talk = num(whole.talk_ms) ?? 0;
    const silence = num(whole.silence_ms) ?? 0;
    field('Talk time', `${formatDuration(talk)} (${talk + silence > 0 ? Math.round((100 * talk) / (talk + silence)) : 0}% of the time)`);
    field('Long pauses', `${num(whole.long_pause_count) ?? 0}, the longest ${formatDuration(num(whole.longest_pause_ms))}`);
    const wpm = num(whole.words_per_minute);
    if (wpm !== null) field('Pace', `${Math.round(wpm)} words per minute`);
    const fillers = num(whole.filler_count);
    if (fillers !== null) field('Filler words', String(fillers));
    const lufs = num(whole.integrated_lufs);
    if (lufs !== null) field('Loudness', `${lufs.toFixed(1)} LUFS`);
  }

  heading('Reviewer');
  const review = doc.review;
  if (!review || (review.decision === null && review.overall_rating === null)) body('Not reviewed yet.', MUTED);
  else {
    field('Decision', DECISIONS[str(review.decision)] ?? 'Not decided');
    if (num(review.overall_rating) !== null) field('Rating', `${num(review.overall_rating)} of 5`);
    if (str(review.decision_note)) field('Note', str(review.decision_note));
  }
  if (doc.comments.length) {
    pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor('#111').text('Comments');
    for (const c of doc.comments) body(`${c.offset_ms === null ? '' : `${formatClock(Number(c.offset_ms))}  `}${str(c.body)}`);
  }

  if (redactions.length) {
    heading('Removed before export');
    for (const r of redactions) {
      body(
        r.kind === 'trim'
          ? `The recording was trimmed to ${formatClock(r.startMs)}–${r.endMs === null ? 'the end' : formatClock(r.endMs)} (${formatDuration(r.removedMs)} removed).`
          : `The answer to question ${r.position + 1} (“${r.question}”) with its transcript and scores.`,
      );
    }
  }
  pdf.moveDown(1.2).font('Helvetica').fontSize(8).fillColor(MUTED).text(`Made by Interview Recorder on ${new Date(options.now).toUTCString()}.`);
  pdf.end();
  return done;
}
