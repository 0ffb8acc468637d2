import type { ReactNode } from 'react';
import { Banners } from './Banners';
import { routes, type Route } from './router';

export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  return (
    <div className="app">
      <header className="app-header">
        <a className="app-name" href={routes.library()}>
          <span className="app-logo" aria-hidden="true" />
          Interview Recorder
        </a>
        <nav className="app-nav" aria-label="Main">
          <a href={routes.library()} aria-current={current('library')}>
            Sessions
          </a>
          <a
            href={routes.questionSets()}
            aria-current={route.name === 'questionSets' || route.name === 'questionSet' ? 'page' : undefined}
            data-testid="question-sets-link"
          >
            Question sets
          </a>
          <a href={routes.candidates()} aria-current={current('candidates')} data-testid="candidates-link">
            Candidates
          </a>
          <a href={routes.dashboard()} aria-current={current('dashboard')} data-testid="dashboard-link">
            Dashboard
          </a>
          <a href={routes.settings()} aria-current={current('settings')} data-testid="settings-link">
            Settings
          </a>
          <a href={routes.setup()} aria-current={current('setup')} className="nav-primary">
            New interview
          </a>
        </nav>
      </header>
      <Banners />
      <main className="app-main">{children}</main>
    </div>
  );
}
