import type { Handlers } from '../ipc/handlers';
import type { QuestionSetsRepository } from './QuestionSetsRepository';

/** The question-set calls, built from the repository. */
export function questionSetHandlers(
  repo: QuestionSetsRepository,
): Pick<
  Handlers,
  | 'questionSets:list'
  | 'questionSets:get'
  | 'questionSets:create'
  | 'questionSets:update'
  | 'questionSets:delete'
  | 'questionSets:duplicate'
  | 'questionSets:reorder'
> {
  return {
    'questionSets:list': () => repo.list(),
    'questionSets:get': ({ questionSetId }) => repo.get(questionSetId),
    'questionSets:create': (input) => repo.create(input),
    'questionSets:update': ({ questionSetId, set }) => repo.update(questionSetId, set),
    'questionSets:delete': ({ questionSetId }) => repo.delete(questionSetId),
    'questionSets:duplicate': ({ questionSetId }) => repo.duplicate(questionSetId),
    'questionSets:reorder': ({ questionSetId, questionIds }) => repo.reorder(questionSetId, questionIds),
  };
}
