import { useEffect, useState } from 'react';
import { INTERVIEW_TYPE_LABELS, INTERVIEW_TYPES, SESSION_STATUSES, type InterviewType, type SessionStatus } from '../../../../shared/domain/enums';
import { DECISION_FILTERS, DECISION_LABELS, type DecisionFilter } from '../../../../shared/domain/library';
import type { Candidate } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { SESSION_STATUS_LABELS } from '../../lib/format';
import { useLibraryStore } from './store';

const decisionLabel = (d: DecisionFilter) => (d === 'undecided' ? 'Not decided' : DECISION_LABELS[d]);

/** yyyy-mm-dd of a local day, for <input type="date">. */
const dayOf = (ms: number | null | undefined) => {
  if (ms == null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** The start (or end) of a local day, from <input type="date">'s value. */
const msOf = (day: string, endOfDay: boolean) => {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  return endOfDay ? new Date(y!, m! - 1, d!, 23, 59, 59, 999).getTime() : new Date(y!, m! - 1, d!).getTime();
};
const scoreOf = (text: string) => {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.min(10, Math.max(0, n)) : null;
};

export function LibraryFilters() {
  const filters = useLibraryStore((s) => s.filters);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const clearFilters = useLibraryStore((s) => s.clearFilters);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  useEffect(() => {
    unwrap(api.candidates.list()).then(setCandidates, (error: unknown) => console.error(error));
  }, []);
  const active = Object.values(filters).some((v) => v != null && v !== '');

  return (
    <div className="library-filters" role="group" aria-label="Filters">
      <select
        aria-label="Candidate"
        value={filters.candidateId ?? ''}
        onChange={(e) => setFilters({ candidateId: e.target.value || null })}
        data-testid="filter-candidate"
      >
        <option value="">All candidates</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Interview type"
        value={filters.interviewType ?? ''}
        onChange={(e) => setFilters({ interviewType: (e.target.value || null) as InterviewType | null })}
      >
        <option value="">All types</option>
        {INTERVIEW_TYPES.map((t) => (
          <option key={t} value={t}>
            {INTERVIEW_TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <select
        aria-label="Status"
        value={filters.status ?? ''}
        onChange={(e) => setFilters({ status: (e.target.value || null) as SessionStatus | null })}
        data-testid="filter-status"
      >
        <option value="">All statuses</option>
        {SESSION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {SESSION_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <select
        aria-label="Decision"
        value={filters.decision ?? ''}
        onChange={(e) => setFilters({ decision: (e.target.value || null) as DecisionFilter | null })}
      >
        <option value="">All decisions</option>
        {DECISION_FILTERS.map((d) => (
          <option key={d} value={d}>
            {decisionLabel(d)}
          </option>
        ))}
      </select>
      <span className="library-range">
        <label>
          Score
          <input
            type="number"
            min={0}
            max={10}
            step={0.5}
            placeholder="0"
            aria-label="Lowest score"
            value={filters.scoreMin ?? ''}
            onChange={(e) => setFilters({ scoreMin: scoreOf(e.target.value) })}
          />
        </label>
        –
        <input
          type="number"
          min={0}
          max={10}
          step={0.5}
          placeholder="10"
          aria-label="Highest score"
          value={filters.scoreMax ?? ''}
          onChange={(e) => setFilters({ scoreMax: scoreOf(e.target.value) })}
        />
      </span>
      <span className="library-range">
        <label>
          From
          <input type="date" aria-label="From date" value={dayOf(filters.from)} onChange={(e) => setFilters({ from: msOf(e.target.value, false) })} />
        </label>
        <label>
          to
          <input type="date" aria-label="To date" value={dayOf(filters.to)} onChange={(e) => setFilters({ to: msOf(e.target.value, true) })} />
        </label>
      </span>
      {active && (
        <button type="button" className="btn btn-small btn-ghost" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
