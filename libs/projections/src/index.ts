export type { ReadModelDb, Statement, Row } from './read-model-db';
export { SqliteReadModelDb } from './sqlite.read-model-db';
export { PostgresReadModelDb, type PostgresReadModelOptions } from './postgres.read-model-db';
export type { Projection } from './projection';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type CommittedListener,
} from './projection-runner';
export { caseStatusProjection } from './case-status/case-status.projection';
export type {
  CaseView,
  AppealView,
  AppealStage,
  TimelineEntry,
} from './case-status/case-status.view';
export {
  findCase,
  findCaseOfAppeal,
  listCasesOfOwner,
  decodeCaseCursor,
  type CasePage,
} from './case-status/case-status.queries';
export { caseViewFromEvents } from './case-status/case-status.projection';

import { caseStatusProjection } from './case-status/case-status.projection';
import type { Projection } from './projection';

/** Every read model the service maintains. */
export const ALL_PROJECTIONS: readonly Projection[] = [caseStatusProjection];
export { loadLocalAuthorities, type LocalAuthorityRecord } from './reference/local-authorities';
