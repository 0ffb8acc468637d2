import type { Handlers } from '../ipc/handlers';
import type { CandidatesRepository } from '../repositories/candidates';
import type { LibraryRepository } from './libraryRepository';
import type { LibraryService } from './LibraryService';

type LibraryChannels =
  | 'library:page'
  | 'library:search'
  | 'sessions:delete'
  | 'candidates:overview'
  | 'candidates:update'
  | 'candidates:delete'
  | 'dashboard:candidate'
  | 'dashboard:manager';

export function libraryHandlers(deps: {
  library: LibraryRepository;
  service: LibraryService;
  candidates: CandidatesRepository;
}): Pick<Handlers, LibraryChannels> {
  const { library, service, candidates } = deps;
  return {
    'library:page': (input) => library.page(input),
    'library:search': ({ text, limit }) => library.search(text, limit),
    'sessions:delete': ({ sessionId }) => service.deleteSession(sessionId),
    'candidates:overview': async () => {
      const stats = library.candidateStats();
      const none = { sessionCount: 0, averageScore: null, latestDecision: null, lastSessionAt: null };
      return (await candidates.list()).map((candidate) => ({ candidate, ...(stats.get(candidate.id) ?? none) }));
    },
    'candidates:update': ({ candidateId, ...input }) => candidates.update(candidateId, input),
    'candidates:delete': ({ candidateId }) => service.deleteCandidate(candidateId),
    'dashboard:candidate': async ({ candidateId, tzOffsetMinutes }) => {
      await candidates.get(candidateId);
      return library.candidateDashboard(candidateId, tzOffsetMinutes);
    },
    'dashboard:manager': () => library.managerDashboard(),
  };
}
