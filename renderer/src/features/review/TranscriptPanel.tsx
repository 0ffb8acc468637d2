import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { SessionQuestion, Transcript, TranscriptSegment } from '../../../../shared/domain/types';
import { spelledWords } from '../../../../shared/domain/transcript';
import { formatClock } from '../../lib/format';
import { LoadingState, Spinner } from '../../ui/states';
import { PendingResult } from './PendingResult';
import { useProcessingStore } from './processingStore';
import { RescoreBar } from './RescoreBar';
import { usePlaybackValue } from './usePlaybackValue';

/** A word stays lit this long after it ends, so short gaps between words do not flicker. */
const WORD_HOLD_MS = 350;

interface Token {
  text: string;
  startMs: number;
}

/**
 * What a segment shows: its timed words, spelled as in the segment's text when the two line up
 * (services often drop punctuation from word timings). Corrected segments have no word timings.
 */
function tokensOf(segment: TranscriptSegment): Token[] | null {
  if (segment.editedText !== null || segment.words.length === 0) return null;
  return spelledWords(segment);
}

/** Sorted word and segment times, to find what is being said at a moment. */
function timelineOf(transcript: Transcript) {
  const words: { key: string; startMs: number; endMs: number }[] = [];
  for (const segment of transcript.segments) {
    if (segment.editedText !== null) continue;
    segment.words.forEach((w, i) => words.push({ key: `${segment.id}:${i}`, startMs: w.startMs, endMs: w.endMs }));
  }
  words.sort((a, b) => a.startMs - b.startMs);
  const segments = [...transcript.segments].sort((a, b) => a.startMs - b.startMs);
  return (ms: number): string | null => {
    // The last word that started at or before `ms`.
    let lo = 0;
    let hi = words.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((words[mid]?.startMs ?? Infinity) <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const word = words[found];
    if (word && ms < word.endMs + WORD_HOLD_MS) return word.key;
    const segment = segments.find((s) => s.startMs <= ms && ms < s.endMs);
    return segment ? `${segment.id}` : null;
  };
}

/** "12:3" → segment 12, word 3; "12" → segment 12, no word. */
function parseKey(key: string | null): { segmentId: number | null; word: number | null } {
  if (key === null) return { segmentId: null, word: null };
  const [segment, word] = key.split(':');
  return { segmentId: Number(segment), word: word === undefined ? null : Number(word) };
}

interface SegmentProps {
  segment: TranscriptSegment;
  /** Index of the lit word, -1 when the segment is current but no word is, null when not current. */
  activeWord: number | null;
  editing: boolean;
  canEdit: boolean;
  onSeek?: (ms: number) => void;
  onEdit: (segmentId: number | null) => void;
}

function SegmentEditor({ segment, onDone }: { segment: TranscriptSegment; onDone: () => void }) {
  const editSegment = useProcessingStore((s) => s.editSegment);
  const [draft, setDraft] = useState(segment.editedText ?? segment.text);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (text: string | null) => {
    if (text !== null && text.trim() === '') {
      setError('Write what was said, or restore the original.');
      return;
    }
    setSaving(true);
    setError(null);
    // Saving the original wording back is the same as restoring it.
    const value = text === null || text.trim() === segment.text.trim() ? null : text.trim();
    const failure = await editSegment(segment.id, value);
    setSaving(false);
    if (failure) setError(failure);
    else onDone();
  };

  return (
    <div className="segment-editor">
      <textarea
        aria-label={`Correct the words at ${formatClock(segment.startMs)}`}
        data-testid="segment-text"
        value={draft}
        rows={Math.min(8, Math.max(2, Math.ceil(draft.length / 60)))}
        maxLength={5000}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(draft);
        }}
      />
      {error && <p className="field-error">{error}</p>}
      <div className="row">
        <button type="button" className="btn btn-small btn-primary" data-testid="segment-save" disabled={saving} onClick={() => void save(draft)}>
          {saving && <Spinner size="sm" />}
          Save
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={saving} onClick={onDone}>
          Cancel
        </button>
        <span className="grow" />
        {segment.editedText !== null && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="segment-restore"
            disabled={saving}
            onClick={() => void save(null)}
          >
            Restore original
          </button>
        )}
      </div>
      {segment.editedText !== null && (
        <p className="hint">
          Heard: <q>{segment.text}</q>
        </p>
      )}
    </div>
  );
}

const Segment = memo(function Segment({ segment, activeWord, editing, canEdit, onSeek, onEdit }: SegmentProps) {
  const tokens = useMemo(() => tokensOf(segment), [segment]);
  const onTextClick = (event: MouseEvent<HTMLParagraphElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-start-ms]');
    if (target && onSeek) onSeek(Number(target.dataset.startMs));
  };

  return (
    <li
      className={`segment ${activeWord !== null ? 'current' : ''} ${segment.editedText !== null ? 'edited' : ''}`}
      data-segment-id={segment.id}
      data-testid="transcript-segment"
    >
      <div className="segment-head">
        <button
          type="button"
          className="segment-time mono"
          disabled={!onSeek}
          title={onSeek ? `Play from ${formatClock(segment.startMs)}` : undefined}
          onClick={() => onSeek?.(segment.startMs)}
        >
          {formatClock(segment.startMs)}
        </button>
        {segment.editedText !== null && (
          <span className="chip chip-edited" data-testid="segment-edited">
            edited
          </span>
        )}
        <span className="grow" />
        {!editing && canEdit && (
          <button type="button" className="btn btn-small btn-ghost segment-edit" data-testid="segment-edit" onClick={() => onEdit(segment.id)}>
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <SegmentEditor segment={segment} onDone={() => onEdit(null)} />
      ) : (
        <p className={`segment-text ${onSeek ? 'seekable' : ''}`} onClick={onTextClick}>
          {tokens
            ? tokens.map((token, i) => (
                <span key={i}>
                  <span
                    className={`word ${i === activeWord ? 'active' : ''}`}
                    data-testid="transcript-word"
                    data-start-ms={token.startMs}
                  >
                    {token.text}
                  </span>{' '}
                </span>
              ))
            : (segment.editedText ?? segment.text)}
        </p>
      )}
    </li>
  );
});

interface Group {
  question: SessionQuestion | null;
  segments: TranscriptSegment[];
}

/** Runs of segments under the question last asked before each began (none before the first). */
function groupByQuestion(segments: TranscriptSegment[], questions: SessionQuestion[]): Group[] {
  const asked = questions.filter((q) => q.askedOffsetMs !== null).sort((a, b) => a.askedOffsetMs! - b.askedOffsetMs!);
  const groups: Group[] = [];
  for (const segment of segments) {
    const question = asked.findLast((q) => q.askedOffsetMs! <= segment.startMs) ?? null;
    const last = groups.at(-1);
    if (last && last.question === question) last.segments.push(segment);
    else groups.push({ question, segments: [segment] });
  }
  return groups;
}

interface Props {
  questions: SessionQuestion[];
  /** The player, for the lit word; null when the recording cannot be played. */
  video: RefObject<HTMLVideoElement | null> | null;
  onSeek?: (ms: number) => void;
}

export function TranscriptPanel({ questions, video, onSeek }: Props) {
  const status = useProcessingStore((s) => s.status);
  const transcript = useProcessingStore((s) => s.processing?.transcript ?? null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const select = useMemo(() => (transcript ? timelineOf(transcript) : () => null), [transcript]);
  const groups = useMemo(() => groupByQuestion(transcript?.segments ?? [], questions), [transcript, questions]);
  const activeKey = usePlaybackValue(video, select, null);
  const active = parseKey(activeKey);
  const onEdit = useCallback((id: number | null) => setEditingId(id), []);

  // Keep the segment being said in view while the video plays (not while the user edits).
  useEffect(() => {
    const player = video?.current;
    if (active.segmentId === null || editingId !== null || !player || player.paused) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-segment-id="${active.segmentId}"]`);
    const scroller = item?.closest<HTMLElement>('.side-panel-body');
    if (!item || !scroller) return;
    const top = item.offsetTop - scroller.offsetTop;
    if (top < scroller.scrollTop || top + item.offsetHeight > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTo({ top: Math.max(0, top - 48), behavior: 'smooth' });
    }
  }, [active.segmentId, editingId, video]);

  if (status === 'loading') return <LoadingState label="Loading the transcript…" />;
  if (!transcript || transcript.segments.length === 0) {
    return (
      <div data-testid="transcript-panel">
        <PendingResult
          kind="transcribe"
          testId="transcript-pending"
          texts={{
            notYet: 'The transcript is made once the audio has been extracted.',
            queued: 'Transcription is queued; it starts after the audio has been extracted.',
            running: 'Transcribing the interview…',
            failed: 'Transcription failed:',
            empty: 'No speech was recognised in this recording.',
          }}
        />
      </div>
    );
  }

  return (
    <div className="transcript" data-testid="transcript-panel">
      <p className="hint">
        {onSeek ? 'Click a word to play from there. ' : ''}Correct a passage with Edit; the original is kept.
        {transcript.language ? ` Language: ${transcript.language.charAt(0).toUpperCase()}${transcript.language.slice(1)}.` : ''}
      </p>
      <RescoreBar />
      <ol className="segment-groups" ref={list}>
        {groups.map(({ question, segments }) => (
          <li key={question?.id ?? 'before'} className="segment-group">
            {question && (
              <h3 className="segment-group-title">
                Question {question.position + 1}{question.followUpOf ? ' (follow-up)' : ''}: {question.text}
              </h3>
            )}
            <ol className="segments">
              {segments.map((segment) => (
                <Segment
                  key={segment.id}
                  segment={segment}
                  activeWord={active.segmentId === segment.id ? (active.word ?? -1) : null}
                  editing={editingId === segment.id}
                  canEdit={editingId === null}
                  onSeek={onSeek}
                  onEdit={onEdit}
                />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
