import { useEffect } from 'react';
import { CandidatesScreen } from '../features/candidates/CandidatesScreen';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { CompareScreen } from '../features/compare/CompareScreen';
import { TakeCompareScreen } from '../features/compare/TakeCompareScreen';
import { useOpenRequestRouting } from '../features/export/openRequests';
import { LibraryScreen } from '../features/library/LibraryScreen';
import { QuestionSetEditor } from '../features/questionSets/QuestionSetEditor';
import { QuestionSetsScreen } from '../features/questionSets/QuestionSetsScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { RoomScreen } from '../features/room/RoomScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { EmptyState } from '../ui/states';
import { useInfoStore } from './infoStore';
import { Layout } from './Layout';
import { routes, useRoute, type Route } from './router';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'library':
      return <LibraryScreen />;
    case 'setup':
      return <SetupScreen />;
    case 'room':
      // Keyed so that opening another session's room starts from a clean state.
      return <RoomScreen key={route.sessionId} sessionId={route.sessionId} />;
    case 'session':
      return <ReviewScreen key={route.sessionId} sessionId={route.sessionId} startMs={route.startMs} />;
    case 'candidates':
      return <CandidatesScreen />;
    case 'dashboard':
      return <DashboardScreen candidateId={route.candidateId} />;
    case 'settings':
      return <SettingsScreen />;
    case 'questionSets':
      return <QuestionSetsScreen />;
    case 'questionSet':
      return <QuestionSetEditor key={route.setId} setId={route.setId} />;
    case 'compare':
      return <CompareScreen key={`${route.a}/${route.b ?? ''}`} a={route.a} b={route.b} />;
    case 'compareTakes':
      return <TakeCompareScreen sessionId={route.sessionId} a={route.a} b={route.b} />;
    case 'notFound':
      return (
        <EmptyState
          title="Page not found"
          action={
            <a className="btn btn-primary" href={routes.library()}>
              Go to sessions
            </a>
          }
        />
      );
  }
}

export function App() {
  const route = useRoute();
  const loadInfo = useInfoStore((s) => s.load);
  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);
  useOpenRequestRouting(route);

  return (
    <Layout route={route}>
      <Screen route={route} />
    </Layout>
  );
}
