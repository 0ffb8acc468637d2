import { useEffect, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SESSION_STATUSES } from '../../../../shared/domain/enums';
import { DECISION_LABELS, type CandidateDashboard, type ManagerDashboard } from '../../../../shared/domain/library';
import { navigate, routes } from '../../app/router';
import { formatDuration, SESSION_STATUS_LABELS } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useDashboardStore } from './store';
import './dashboard.css';

const DIMENSIONS = [
  { key: 'overall', label: 'Overall', color: '#3157d5' },
  { key: 'communication', label: 'Communication', color: '#1f7a47' },
  { key: 'technical', label: 'Technical', color: '#8a5a00' },
  { key: 'problemSolving', label: 'Problem solving', color: '#7b3fc4' },
  { key: 'confidence', label: 'Confidence', color: '#c3342d' },
  { key: 'culturalFit', label: 'Cultural fit', color: '#0f7c8c' },
] as const;

/** Practice time in hours once it is more than an hour: "14 h 5 min". */
const practiced = (ms: number) => (ms < 3600_000 ? formatDuration(ms) : `${Math.floor(ms / 3600_000)} h ${Math.round((ms % 3600_000) / 60_000)} min`);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const score = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Chart({ title, children, height = 240 }: { title: string; children: React.ReactElement; height?: number }) {
  return (
    <section className="card chart-card">
      <h2>{title}</h2>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function CandidateView({ data }: { data: CandidateDashboard }) {
  if (data.sessions === 0) {
    return (
      <EmptyState
        title="No practice yet"
        action={
          <a className="btn btn-primary" href={routes.setup()}>
            Start an interview
          </a>
        }
      >
        Progress shows here after the first interview.
      </EmptyState>
    );
  }
  const days = data.days.map((d) => ({ day: d.day, sessions: d.sessions, minutes: Math.round(d.practicedMs / 60000), ...d.scores }));
  const best = data.categories[0];
  const weakest = data.categories.length > 1 ? data.categories.at(-1) : undefined;
  const delivery = data.delivery.map((p) => ({ date: dayFormat.format(p.date), fillers: p.fillerCount, pace: p.wordsPerMinute === null ? null : Math.round(p.wordsPerMinute) }));
  return (
    <div className="dashboard-grid">
      <div className="stats">
        <Stat label="Interviews" value={String(data.sessions)} />
        <Stat label="Time practised" value={practiced(data.practicedMs)} />
        <Stat label="Completed" value={percent(data.completionRate)} />
        <Stat label="Best category" value={best ? `${capitalized(best.category)} (${score(best.average)})` : '—'} />
        <Stat label="Weakest category" value={weakest ? `${capitalized(weakest.category)} (${score(weakest.average)})` : '—'} />
      </div>
      <Chart title="Interviews per day">
        <BarChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={32} />
          <Tooltip />
          <Bar dataKey="sessions" name="Interviews" fill="#3157d5" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart title="Average score per dimension">
        <LineChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis domain={[0, 10]} fontSize={12} width={32} />
          <Tooltip />
          <Legend />
          {DIMENSIONS.map((d) => (
            <Line key={d.key} dataKey={d.key} name={d.label} stroke={d.color} connectNulls dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </Chart>
      <Chart title="Filler words and pace">
        <LineChart data={delivery}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" fontSize={12} />
          <YAxis yAxisId="fillers" allowDecimals={false} fontSize={12} width={32} />
          <YAxis yAxisId="pace" orientation="right" fontSize={12} width={40} />
          <Tooltip />
          <Legend />
          <Line yAxisId="fillers" dataKey="fillers" name="Filler words" stroke="#c3342d" connectNulls isAnimationActive={false} />
          <Line yAxisId="pace" dataKey="pace" name="Words per minute" stroke="#3157d5" connectNulls isAnimationActive={false} />
        </LineChart>
      </Chart>
      {data.categories.length > 0 && (
        <Chart title="Average score by question category" height={Math.max(160, data.categories.length * 36)}>
          <BarChart data={data.categories} layout="vertical" margin={{ left: 40 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 10]} fontSize={12} />
            <YAxis type="category" dataKey="category" fontSize={12} width={120} />
            <Tooltip />
            <Bar dataKey="average" name="Average score" fill="#1f7a47" isAnimationActive={false} />
          </BarChart>
        </Chart>
      )}
    </div>
  );
}

function ManagerView({ data }: { data: ManagerDashboard }) {
  if (data.sessions === 0) return <EmptyState title="No interviews yet">Statistics show here once interviews are recorded.</EmptyState>;
  const statuses = SESSION_STATUSES.map((s) => ({ name: SESSION_STATUS_LABELS[s], count: data.byStatus.find((b) => b.status === s)?.count ?? 0 }));
  const decisions = data.byDecision.map((d) => ({ name: d.decision === 'undecided' ? 'Not decided' : DECISION_LABELS[d.decision], count: d.count }));
  return (
    <div className="dashboard-grid">
      <div className="stats">
        <Stat label="Interviews" value={data.sessions.toLocaleString()} />
        <Stat label="Completed" value={data.completed.toLocaleString()} />
        <Stat label="Completion rate" value={percent(data.completionRate)} />
      </div>
      <Chart title="Interviews by status">
        <BarChart data={statuses}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={48} />
          <Tooltip />
          <Bar dataKey="count" name="Interviews" fill="#3157d5" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart title="Decisions">
        <BarChart data={decisions}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={48} />
          <Tooltip />
          <Bar dataKey="count" name="Interviews" fill="#1f7a47" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <section className="card chart-card">
        <h2>Average score by position</h2>
        <table className="positions-table">
          <thead>
            <tr>
              <th>Position</th>
              <th className="num">Interviews</th>
              <th className="num">Average score</th>
            </tr>
          </thead>
          <tbody>
            {data.byPosition.map((p) => (
              <tr key={p.jobTitle}>
                <td>{p.jobTitle || <span className="muted">No position</span>}</td>
                <td className="num">{p.sessions.toLocaleString()}</td>
                <td className="num">{score(p.averageScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function DashboardScreen({ candidateId }: { candidateId: string | null }) {
  const { status, error, candidates, candidate, manager, load } = useDashboardStore();
  const chosen = useDashboardStore((s) => s.candidateId);
  const [view, setView] = useState<'candidate' | 'manager'>('candidate');
  useEffect(() => {
    void load(candidateId);
  }, [load, candidateId]);

  return (
    <div className="page dashboard">
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">{view === 'candidate' ? 'Progress of one candidate over time.' : 'All interviews at a glance.'}</p>
        </div>
        <div className="dashboard-controls">
          <div className="segmented" role="tablist" aria-label="View">
            <button type="button" role="tab" aria-selected={view === 'candidate'} onClick={() => setView('candidate')} data-testid="dashboard-candidate-tab">
              Practice progress
            </button>
            <button type="button" role="tab" aria-selected={view === 'manager'} onClick={() => setView('manager')} data-testid="dashboard-manager-tab">
              Hiring overview
            </button>
          </div>
          {view === 'candidate' && candidates.length > 0 && (
            <select aria-label="Candidate" value={chosen ?? ''} onChange={(e) => navigate(routes.dashboard(e.target.value))}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      {status === 'loading' && <LoadingState label="Loading the dashboard…" />}
      {status === 'error' && <ErrorState message={error ?? 'Could not load the dashboard.'} onRetry={() => void load(candidateId)} />}
      {status === 'ready' && view === 'candidate' && (candidate ? <CandidateView data={candidate} /> : <EmptyState title="No candidates yet" />)}
      {status === 'ready' && view === 'manager' && manager && <ManagerView data={manager} />}
    </div>
  );
}
