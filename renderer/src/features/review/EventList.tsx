import type { SessionEvent } from '../../../../shared/domain/types';
import { formatClock, formatTime } from '../../lib/format';

export function EventList({ events }: { events: SessionEvent[] }) {
  return (
    <section className="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Technical log</h2>
      {events.length === 0 ? (
        <p className="muted">No technical issues were recorded.</p>
      ) : (
        <ul className="event-list" data-testid="session-events">
          {events.map((event) => (
            <li key={event.id} className={`event event-${event.level}`}>
              <span className="mono muted">
                {event.offsetMs !== null ? formatClock(event.offsetMs) : formatTime(event.at)}
              </span>
              <span className={`badge badge-level-${event.level}`}>{event.level}</span>
              <span className="event-kind muted">{event.kind.replace('_', ' ')}</span>
              <span>{event.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
