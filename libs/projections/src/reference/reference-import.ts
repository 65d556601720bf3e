import { createHash } from 'node:crypto';
import type { ReadModelDb, Statement } from '../read-model-db';
import { buildRegister, readRegisterFiles, type RegisterEntry } from './local-authorities';
import {
  parseOfficialAppealRates,
  TRIBUNAL_FILE,
  type Geography,
  type OfficialAppealRate,
} from './official-appeal-rates';
import { readReferenceFile } from './reference-files';

/**
 * Bump when the parsing or the stored shape changes: the hash covers it, so the next start re-imports.
 * (Tables are created with IF NOT EXISTS; a change of columns needs a migration, not just a bump.)
 */
export const REFERENCE_IMPORT_VERSION = 1;

export const REFERENCE_TABLES = [
  'ref_imports',
  'ref_local_authorities',
  'ref_official_appeal_rates',
] as const;

export type ReferenceDataset = 'local_authorities' | 'official_appeal_rates';

/** The texts imported; the committed files unless a test gives others. */
export interface ReferenceSources {
  readonly currentAuthorities: string;
  readonly predecessorAuthorities: string;
  readonly tribunal: string;
}

export const readReferenceSources = (): ReferenceSources => {
  const register = readRegisterFiles();
  return {
    currentAuthorities: register.current,
    predecessorAuthorities: register.predecessors,
    tribunal: readReferenceFile(TRIBUNAL_FILE),
  };
};

export interface DatasetImport {
  readonly dataset: ReferenceDataset;
  readonly status: 'imported' | 'up_to_date';
  /** Rows of the dataset now stored. */
  readonly rows: number;
  readonly contentHash: string;
}

export interface ReferenceImportResult {
  /** True when anything was written. */
  readonly imported: boolean;
  readonly datasets: readonly DatasetImport[];
}

export interface ReferenceImportOptions {
  readonly sources?: ReferenceSources;
  /** Re-import even when the content hash is unchanged (the upserts then change nothing but `imported_at`). */
  readonly force?: boolean;
  readonly now?: () => Date;
}

const DDL = `
CREATE TABLE IF NOT EXISTS ref_imports (
  dataset TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  row_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_local_authorities (
  code TEXT PRIMARY KEY,
  gss_code TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  region_name TEXT NOT NULL,
  is_current INTEGER NOT NULL,
  replaced_on TEXT,
  end_year INTEGER,
  replaced_by TEXT NOT NULL,
  import_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_official_appeal_rates (
  la_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  la_name TEXT NOT NULL,
  geography TEXT NOT NULL,
  source_la_code TEXT,
  appeals_registered INTEGER,
  appealable_decisions INTEGER,
  rate_pct DOUBLE PRECISION,
  in_dev_appealable_decisions INTEGER,
  in_dev_rate_pct DOUBLE PRECISION,
  flag_nil INTEGER NOT NULL,
  flag_not_available INTEGER NOT NULL,
  flag_suppressed INTEGER NOT NULL,
  flag_in_dev_not_available INTEGER NOT NULL,
  flag_suspect INTEGER NOT NULL,
  notes TEXT NOT NULL,
  import_hash TEXT NOT NULL,
  PRIMARY KEY (la_code, year)
);
`;

/**
 * Creates the reference tables if missing (idempotent). On PostgreSQL the statements run as one implicit transaction
 * holding an advisory lock, so replicas starting together do not race on CREATE TABLE.
 */
export const ensureReferenceTables = (db: ReadModelDb): Promise<void> =>
  db.exec(
    db.dialect === 'postgres'
      ? `SELECT pg_advisory_xact_lock(hashtext('send-tracker reference tables:' || current_schema()));${DDL}`
      : DDL,
  );

const sha256 = (...parts: readonly string[]): string => {
  const hash = createHash('sha256');
  hash.update(`reference-import v${REFERENCE_IMPORT_VERSION}`);
  for (const part of parts) hash.update(`\0${part.length}\0`).update(part);
  return hash.digest('hex');
};

const bit = (value: boolean): number => (value ? 1 : 0);

/** `INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET …`, in chunks under parameter limits. */
const upserts = (
  table: string,
  columns: readonly string[],
  key: readonly string[],
  rows: readonly (readonly unknown[])[],
  chunk = 100,
): Statement[] => {
  const statements: Statement[] = [];
  const update = columns
    .filter((c) => !key.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values = part
      .map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${update}`,
      params: part.flat(),
    });
  }
  return statements;
};

const LA_COLUMNS = [
  'code',
  'gss_code',
  'name',
  'region_code',
  'region_name',
  'is_current',
  'replaced_on',
  'end_year',
  'replaced_by',
  'import_hash',
] as const;

const RATE_COLUMNS = [
  'la_code',
  'year',
  'la_name',
  'geography',
  'source_la_code',
  'appeals_registered',
  'appealable_decisions',
  'rate_pct',
  'in_dev_appealable_decisions',
  'in_dev_rate_pct',
  'flag_nil',
  'flag_not_available',
  'flag_suppressed',
  'flag_in_dev_not_available',
  'flag_suspect',
  'notes',
  'import_hash',
] as const;

const registerStatements = (entries: readonly RegisterEntry[], hash: string): Statement[] => [
  ...upserts(
    'ref_local_authorities',
    LA_COLUMNS,
    ['code'],
    entries.map((la) => [
      la.code,
      la.gssCode,
      la.name,
      la.regionCode,
      la.regionName,
      bit(la.current),
      la.replacedOn,
      la.endYear,
      la.replacedBy.join(';'),
      hash,
    ]),
  ),
  // Whatever the new content no longer has (upserted rows all carry the new hash).
  { sql: 'DELETE FROM ref_local_authorities WHERE import_hash <> $1', params: [hash] },
];

const rateStatements = (rates: readonly OfficialAppealRate[], hash: string): Statement[] => [
  ...upserts(
    'ref_official_appeal_rates',
    RATE_COLUMNS,
    ['la_code', 'year'],
    rates.map((r) => [
      r.laCode,
      r.year,
      r.laName,
      r.geography,
      r.sourceLaCode,
      r.appealsRegistered,
      r.appealableDecisions,
      r.ratePct,
      r.inDevelopmentAppealableDecisions,
      r.inDevelopmentRatePct,
      bit(r.flags.nil),
      bit(r.flags.notAvailable),
      bit(r.flags.suppressed),
      bit(r.flags.inDevelopmentNotAvailable),
      bit(r.flags.suspect),
      JSON.stringify(r.notes),
      hash,
    ]),
  ),
  { sql: 'DELETE FROM ref_official_appeal_rates WHERE import_hash <> $1', params: [hash] },
];

/**
 * Imports the LA register and the official appeals / appeal-rate series into the read-model database. Each dataset
 * is skipped when its content hash (input files + importer version) equals the one recorded in `ref_imports`, so a
 * start with unchanged files only reads one small table. Otherwise everything is parsed first (a bad file writes
 * nothing) and written in one transaction: upserts by natural key, removal of rows the new content lacks, and the
 * new hash.
 */
export const importReferenceData = async (
  db: ReadModelDb,
  options: ReferenceImportOptions = {},
): Promise<ReferenceImportResult> => {
  const sources = options.sources ?? readReferenceSources();
  await ensureReferenceTables(db);
  const recorded = new Map(
    (
      await db.query<{ dataset: string; content_hash: string; row_count: number }>(
        'SELECT dataset, content_hash, row_count FROM ref_imports',
      )
    ).map((r) => [r.dataset, r]),
  );
  const hashes: Record<ReferenceDataset, string> = {
    local_authorities: sha256(sources.currentAuthorities, sources.predecessorAuthorities),
    official_appeal_rates: sha256(
      sources.tribunal,
      sources.currentAuthorities,
      sources.predecessorAuthorities,
    ),
  };
  const stale = (dataset: ReferenceDataset): boolean =>
    options.force === true || recorded.get(dataset)?.content_hash !== hashes[dataset];

  if (!stale('local_authorities') && !stale('official_appeal_rates')) {
    return {
      imported: false,
      datasets: (['local_authorities', 'official_appeal_rates'] as const).map((dataset) => ({
        dataset,
        status: 'up_to_date',
        rows: Number(recorded.get(dataset)?.row_count ?? 0),
        contentHash: hashes[dataset],
      })),
    };
  }

  const register = buildRegister(sources.currentAuthorities, sources.predecessorAuthorities);
  const rates = parseOfficialAppealRates(sources.tribunal, register);
  const importedAt = (options.now ?? (() => new Date()))().toISOString();
  const plan: { dataset: ReferenceDataset; rows: number; statements: Statement[] }[] = [
    {
      dataset: 'local_authorities',
      rows: register.length,
      statements: registerStatements(register, hashes.local_authorities),
    },
    {
      dataset: 'official_appeal_rates',
      rows: rates.length,
      statements: rateStatements(rates, hashes.official_appeal_rates),
    },
  ];
  const statements: Statement[] = [];
  const datasets: DatasetImport[] = [];
  for (const { dataset, rows, statements: own } of plan) {
    if (!stale(dataset)) {
      datasets.push({ dataset, status: 'up_to_date', rows, contentHash: hashes[dataset] });
      continue;
    }
    statements.push(...own, {
      sql:
        'INSERT INTO ref_imports (dataset, content_hash, imported_at, row_count) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (dataset) DO UPDATE SET content_hash = excluded.content_hash, ' +
        'imported_at = excluded.imported_at, row_count = excluded.row_count',
      params: [dataset, hashes[dataset], importedAt, rows],
    });
    datasets.push({ dataset, status: 'imported', rows, contentHash: hashes[dataset] });
  }
  await db.writeTransaction(statements);
  return { imported: true, datasets };
};

interface LocalAuthorityRow {
  code: string;
  gss_code: string;
  name: string;
  region_code: string;
  region_name: string;
  is_current: number;
  replaced_on: string | null;
  end_year: number | null;
  replaced_by: string;
}

/** The imported register, current authorities and predecessors, by name. */
export const listRegisterEntries = async (db: ReadModelDb): Promise<RegisterEntry[]> => {
  const rows = await db.query<LocalAuthorityRow & Record<string, unknown>>(
    'SELECT code, gss_code, name, region_code, region_name, is_current, replaced_on, end_year, replaced_by ' +
      'FROM ref_local_authorities ORDER BY name, code',
  );
  return rows.map((r) => ({
    code: r.code,
    gssCode: r.gss_code,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name,
    current: Number(r.is_current) === 1,
    replacedOn: r.replaced_on,
    endYear: r.end_year === null ? null : Number(r.end_year),
    replacedBy: r.replaced_by === '' ? [] : r.replaced_by.split(';'),
  }));
};

interface RateRow {
  la_code: string;
  year: number;
  la_name: string;
  geography: string;
  source_la_code: string | null;
  appeals_registered: number | null;
  appealable_decisions: number | null;
  rate_pct: number | null;
  in_dev_appealable_decisions: number | null;
  in_dev_rate_pct: number | null;
  flag_nil: number;
  flag_not_available: number;
  flag_suppressed: number;
  flag_in_dev_not_available: number;
  flag_suspect: number;
  notes: string;
}

const RATE_SELECT = `SELECT ${RATE_COLUMNS.filter((c) => c !== 'import_hash').join(', ')} FROM ref_official_appeal_rates`;

const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

const toRate = (r: RateRow): OfficialAppealRate => ({
  laCode: r.la_code,
  laName: r.la_name,
  geography: r.geography as Geography,
  sourceLaCode: r.source_la_code,
  year: Number(r.year),
  appealsRegistered: numberOrNull(r.appeals_registered),
  appealableDecisions: numberOrNull(r.appealable_decisions),
  ratePct: numberOrNull(r.rate_pct),
  inDevelopmentAppealableDecisions: numberOrNull(r.in_dev_appealable_decisions),
  inDevelopmentRatePct: numberOrNull(r.in_dev_rate_pct),
  flags: {
    nil: Number(r.flag_nil) === 1,
    notAvailable: Number(r.flag_not_available) === 1,
    suppressed: Number(r.flag_suppressed) === 1,
    inDevelopmentNotAvailable: Number(r.flag_in_dev_not_available) === 1,
    suspect: Number(r.flag_suspect) === 1,
  },
  notes: JSON.parse(r.notes) as string[],
});

/** The official series of one authority (3-digit DfE code) or England (`ENG`), by year; empty if unknown. */
export const listOfficialAppealRates = async (
  db: ReadModelDb,
  laCode: string,
): Promise<OfficialAppealRate[]> =>
  (
    await db.query<RateRow & Record<string, unknown>>(
      `${RATE_SELECT} WHERE la_code = $1 ORDER BY year`,
      [laCode],
    )
  ).map(toRate);

/** One year of the official series, to put beside the service's own statistics for the same LA and year. */
export const findOfficialAppealRate = async (
  db: ReadModelDb,
  laCode: string,
  year: number,
): Promise<OfficialAppealRate | null> => {
  const [row] = await db.query<RateRow & Record<string, unknown>>(
    `${RATE_SELECT} WHERE la_code = $1 AND year = $2`,
    [laCode, year],
  );
  return row ? toRate(row) : null;
};
