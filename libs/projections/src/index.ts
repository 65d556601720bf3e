export type { ReadModelDb, Statement, Row } from './read-model-db';
export { SqliteReadModelDb } from './sqlite.read-model-db';
export { PostgresReadModelDb, type PostgresReadModelOptions } from './postgres.read-model-db';
export type { Projection } from './projection';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type CommittedListener,
  type CommittedBatch,
} from './projection-runner';
export { SingleProcessLocks, type ProjectionLocks } from './locks/projection-locks';
export {
  PostgresAdvisoryLocks,
  advisoryLockKey,
  type PostgresAdvisoryLocksOptions,
} from './locks/postgres.advisory-locks';
export { caseStatusProjection } from './case-status/case-status.projection';
export type * from './case-status/case-status.view';
export {
  findCase,
  findCaseOfAppeal,
  listCasesOfOwner,
  listCasesGrantedTo,
  caseIdsGrantedTo,
  decodeCaseCursor,
  type CasePage,
} from './case-status/case-status.queries';
export { caseViewFromEvents } from './case-status/case-status.projection';
export { deepFreeze } from './kept-documents';

import { caseStatusProjection } from './case-status/case-status.projection';
import { statisticsProjection } from './statistics/statistics.projection';
import { breachPatternsProjection } from './breach-patterns/breach-patterns.projection';
import type { Projection } from './projection';

/** Every read model the service maintains. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  caseStatusProjection,
  statisticsProjection,
  breachPatternsProjection,
];
export { loadLocalAuthorities, type LocalAuthorityRecord } from './reference/local-authorities';
export {
  loadRegister,
  buildRegister,
  type RegisterEntry,
  CURRENT_AUTHORITIES_FILE,
  PREDECESSOR_AUTHORITIES_FILE,
} from './reference/local-authorities';
export {
  parseOfficialAppealRates,
  ENGLAND_CODE,
  TRIBUNAL_FILE,
  type OfficialAppealRate,
  type OfficialAppealRateFlags,
  type Geography as OfficialAppealRateGeography,
} from './reference/official-appeal-rates';
export {
  importReferenceData,
  ensureReferenceTables,
  readReferenceSources,
  listRegisterEntries,
  listOfficialAppealRates,
  findOfficialAppealRate,
  REFERENCE_IMPORT_VERSION,
  REFERENCE_TABLES,
  type ReferenceImportResult,
  type ReferenceImportOptions,
  type ReferenceSources,
  type DatasetImport,
  type ReferenceDataset,
} from './reference/reference-import';
export {
  CaseReadAuditLog,
  type CaseRead,
  type CaseReadEntry,
  type CaseReadPage,
} from './access-audit/access-audit.store';
export { ACCESS_AUDIT_TABLE } from './access-audit/access-audit.schema';
export {
  rebuildProjections,
  selectProjections,
  UnknownProjectionError,
  ProjectionBusyError,
  type RebuildOptions,
  type RebuildProgress,
  type RebuiltProjection,
} from './rebuild';
export { statisticsProjection } from './statistics/statistics.projection';
export {
  STATISTICS_DIMENSIONS,
  normaliseStatisticsRequest,
  type StatisticsDimension,
  type StatisticsFilter,
  type StatisticsRequest,
} from './statistics/statistics-request';
export {
  APPEAL_ROW_FIELDS,
  appealStatisticsRows,
  buildAppealStatistics,
  buildAppealStatisticsInSteps,
  loadAppealCounts,
  loadAppealCountsOfCases,
  type AppealStatisticsRow,
  type AppealStatisticsTables,
  type RegionOf,
} from './statistics/appeal-statistics.query';
export {
  ORDER_ROW_FIELDS,
  buildOrderCompliance,
  loadOrders,
  orderComplianceRows,
  type OrderComplianceRow,
  type OrderComplianceTables,
} from './statistics/order-compliance.query';
export { caseIdsOwnedBy, statisticsCheckpoint } from './statistics/statistics.store';
export { breachPatternsProjection } from './breach-patterns/breach-patterns.projection';
export type { BreachOccurrence } from './breach-patterns/breach-patterns.evolve';
export {
  BREACH_ROW_FIELDS,
  DEFAULT_MIN_DISTINCT_CASES,
  DEFAULT_WINDOW_DAYS,
  breachPatternRows,
  checkBreachPatternRequest,
  loadBreachOccurrences,
  type BreachPatternFilter,
  type BreachPatternRequest,
  type BreachPatternRow,
  type BreachTrend,
} from './breach-patterns/breach-patterns.query';
export { academicYearLabel } from './disclosure/periods';
export { runningFromSource, startTreeWorker } from './worker-thread';
