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
export type * from './case-status/case-status.view';
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
