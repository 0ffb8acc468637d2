import { Avatar } from '../avatar/Avatar';
import { findLook } from '../avatar/looks';
import { VideoPreview } from '../../ui/VideoPreview';
import { useRoomStore } from './store';
import './followUps.css';

/** The interviewer with captions, and the candidate's own camera in the corner. */
export function Stage() {
  const detail = useRoomStore((s) => s.detail);
  const index = useRoomStore((s) => s.index);
  const phase = useRoomStore((s) => s.phase);
  const speaking = useRoomStore((s) => s.speaking);
  const boundaries = useRoomStore((s) => s.boundaries);
  const mouthLevel = useRoomStore((s) => s.mouthLevel);
  const stream = useRoomStore((s) => s.stream);
  const followUpNote = useRoomStore((s) => s.followUpNote);
  if (!detail) return null;

  const { avatar, avatarSettings } = detail.session;
  const question = detail.questions[index];
  // Captions follow the voice; without them the text appears once spoken, as a reminder.
  const showText = question && (phase === 'thinking' || phase === 'answering' || phase === 'choosing' || (speaking && avatarSettings.captions));

  return (
    <div className="stage">
      <div className="stage-interviewer">
        <Avatar look={avatar} speaking={speaking} pulse={boundaries} level={mouthLevel} className="avatar-large" />
        <span className="stage-name">{findLook(avatar).name}</span>
      </div>
      {phase === 'considering' && (
        <div className="thinking-bubble" data-testid="avatar-thinking" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      )}
      <div className={`captions ${speaking ? 'captions-live' : 'captions-after'}`} aria-live="polite">
        {showText && question.followUpOf !== null && (
          <span className="follow-up-tag" data-testid="follow-up-tag">
            Follow-up
          </span>
        )}
        {showText && <p data-testid="question-text">{question.text}</p>}
        {followUpNote && phase !== 'considering' && (
          <p className="follow-up-note" data-testid="follow-up-note">
            {followUpNote}
          </p>
        )}
      </div>
      <VideoPreview stream={stream} className="stage-self" />
    </div>
  );
}
