import type { RefObject } from 'react';
import type { SessionDetail } from '../../../../shared/domain/types';
import { Spinner } from '../../ui/states';
import { latestJob } from './jobs';
import { useProcessingStore } from './processingStore';
import { QuestionList } from './QuestionList';
import { ReviewerPanel } from './ReviewerPanel';
import { useBlind, useReviewerStore } from './reviewerStore';
import { ScoresPanel } from './ScoresPanel';
import { formatScore } from './scores';
import { useReviewStore, type SideTab } from './store';
import { TranscriptPanel } from './TranscriptPanel';

interface Props {
  detail: SessionDetail;
  currentId: string | null;
  /** Absent when there is no playable video. */
  video?: RefObject<HTMLVideoElement | null>;
  onSeek?: (ms: number) => void;
}

const TABS: { id: SideTab; label: string }[] = [
  { id: 'questions', label: 'Questions' },
  { id: 'transcript', label: 'Transcript' },
  { id: 'scores', label: 'Scores' },
  { id: 'review', label: 'Review' },
];

/** A hint beside a tab's name: a spinner while its result is being made, the score once there. */
function TabBadge({ tab }: { tab: SideTab }) {
  const processing = useProcessingStore((s) => s.processing);
  const blind = useBlind();
  const review = useReviewerStore((s) => s.review?.review);
  if (tab === 'questions') return null;
  if (tab === 'review') {
    return review?.overallRating ? <span className="tab-badge">{review.overallRating}★</span> : null;
  }
  if (tab === 'scores' && processing?.evaluation) {
    if (blind) return <span className="tab-badge" title="Hidden while you rate">Hidden</span>;
    return <span className="tab-badge">{formatScore(processing.evaluation.overall)}</span>;
  }
  const job = latestJob(processing, tab === 'scores' ? 'score' : 'transcribe');
  return job?.status === 'running' ? <Spinner size="sm" /> : null;
}

export function SidePanel({ detail, currentId, video, onSeek }: Props) {
  const tab = useReviewStore((s) => s.tab);
  const setTab = useReviewStore((s) => s.setTab);
  return (
    <aside className="card side-panel">
      <div className="tabs" role="tablist" aria-label="Interview details">
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="side-panel-body"
            className={`tab ${tab === id ? 'selected' : ''}`}
            data-testid={`tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
            <TabBadge tab={id} />
          </button>
        ))}
      </div>
      <div className="side-panel-body" id="side-panel-body" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'questions' && <QuestionList questions={detail.questions} currentId={currentId} onSeek={onSeek} />}
        {tab === 'transcript' && <TranscriptPanel questions={detail.questions} video={video ?? null} onSeek={onSeek} />}
        {tab === 'scores' && <ScoresPanel questions={detail.questions} onSeek={onSeek} />}
        {tab === 'review' && <ReviewerPanel detail={detail} onSeek={onSeek} />}
      </div>
    </aside>
  );
}
