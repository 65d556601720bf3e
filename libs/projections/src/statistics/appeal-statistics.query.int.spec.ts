import Database from 'better-sqlite3';
import { SqliteReadModelDb } from '../sqlite.read-model-db';
import { buildAppealStatistics, loadAppealCounts } from './appeal-statistics.query';
import { testRegionOf } from './statistics.spec-helper';
import { statisticsSchema } from './statistics.schema';

const ROWS: [string, string, string, string, number][] = [
  ['registered', '886', '2023-2', '*', 3],
  ['registered', '886', '2023-2', 'CONTENTS_F', 2],
  ['registered', '886', '2023-2', 'REFUSAL_TO_ASSESS', 1],
  ['registered', '887', '2023-2', '*', 7],
  ['registered', '887', '2023-2', 'CONTENTS_F', 7],
  ['registered', '202', '2024-1', '*', 4],
  ['registered', '202', '2024-1', 'PLACEMENT_I', 4],
  ['withdrawn', '886', '2024-1', '*', 1],
  ['withdrawn', '886', '2024-1', 'CONTENTS_F', 1],
  ['dismissed', '202', '2024-1', '*', 0],
];

const dbWith = async (rows: typeof ROWS): Promise<SqliteReadModelDb> => {
  const db = new SqliteReadModelDb(new Database(':memory:'));
  await db.exec(statisticsSchema.sqlite);
  await db.writeTransaction(
    rows.map((params) => ({
      sql: `INSERT INTO rm_appeal_stat_counts (measure, local_authority_code, half_year, appeal_type, n)
            VALUES ($1, $2, $3, $4, $5)`,
      params,
    })),
  );
  return db;
};

describe('loadAppealCounts', () => {
  it('returns the counters in one order whatever order the database holds them in', async () => {
    const forwards = await loadAppealCounts(await dbWith(ROWS));
    const backwards = await loadAppealCounts(await dbWith([...ROWS].reverse()));
    expect(backwards).toEqual(forwards);
    expect(forwards).toHaveLength(ROWS.length - 1); // the zero is left out
    expect(forwards.map((c) => c.measure)).toEqual([
      'registered',
      'registered',
      'registered',
      'registered',
      'registered',
      'registered',
      'registered',
      'withdrawn',
      'withdrawn',
    ]);
    expect(forwards.slice(0, 3).map((c) => `${c.localAuthorityCode}/${c.appealType}`)).toEqual([
      '202/*',
      '202/PLACEMENT_I',
      '886/*',
    ]);
    // …so two replicas (or a rebuild) publish the same cells.
    const suppressedOf = (counts: typeof forwards) => {
      const { table, suppressed } = buildAppealStatistics(counts, testRegionOf, 5).tables
        .registered;
      return [...suppressed].map((id) => table.keyOf(id)).sort();
    };
    expect(suppressedOf(backwards)).toEqual(suppressedOf(forwards));
  });
});
