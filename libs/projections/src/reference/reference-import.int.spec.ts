import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { ReadModelDb, Row } from '../read-model-db';
import { PostgresReadModelDb } from '../postgres.read-model-db';
import { SqliteReadModelDb } from '../sqlite.read-model-db';
import {
  findOfficialAppealRate,
  importReferenceData,
  listOfficialAppealRates,
  listRegisterEntries,
  readReferenceSources,
  REFERENCE_TABLES,
} from './reference-import';

interface Fixture {
  readonly db: ReadModelDb;
  close(): Promise<void>;
}

const ORDER: Record<(typeof REFERENCE_TABLES)[number], string> = {
  ref_imports: 'dataset',
  ref_local_authorities: 'code',
  ref_official_appeal_rates: 'la_code, year',
};

const dump = async (db: ReadModelDb): Promise<Record<string, Row[]>> => {
  const tables: Record<string, Row[]> = {};
  for (const table of REFERENCE_TABLES)
    tables[table] = await db.query(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`);
  return tables;
};

const count = async (db: ReadModelDb, table: string): Promise<number> =>
  Number((await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

const KENT_2024 = '"1,559","23,692",6.60%';

const referenceImportContract = (name: string, open: () => Promise<Fixture>): void => {
  describe(name, () => {
    let fixture: Fixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(() => fixture.close());

    it('imports the register and the official series, exactly as published', async () => {
      const { db } = fixture;
      const result = await importReferenceData(db, { now: () => new Date('2025-06-10T12:00:00Z') });
      expect(result).toMatchObject({
        imported: true,
        datasets: [
          { dataset: 'local_authorities', status: 'imported', rows: 157 },
          { dataset: 'official_appeal_rates', status: 'imported', rows: 1738 },
        ],
      });
      expect(await count(db, 'ref_local_authorities')).toBe(157);
      expect(await count(db, 'ref_official_appeal_rates')).toBe(1738);
      expect(
        await db.query('SELECT dataset, imported_at, row_count FROM ref_imports ORDER BY dataset'),
      ).toEqual([
        { dataset: 'local_authorities', imported_at: '2025-06-10T12:00:00.000Z', row_count: 157 },
        {
          dataset: 'official_appeal_rates',
          imported_at: '2025-06-10T12:00:00.000Z',
          row_count: 1738,
        },
      ]);

      expect(await findOfficialAppealRate(db, '886', 2024)).toEqual({
        laCode: '886',
        laName: 'Kent',
        geography: 'local_authority',
        sourceLaCode: '886',
        year: 2024,
        appealsRegistered: 1559,
        appealableDecisions: 23692,
        ratePct: 6.6,
        inDevelopmentAppealableDecisions: 14675,
        inDevelopmentRatePct: 10.6,
        flags: {
          nil: false,
          notAvailable: false,
          suppressed: false,
          inDevelopmentNotAvailable: false,
          suspect: false,
        },
        notes: [],
      });
      expect(await findOfficialAppealRate(db, 'ENG', 2024)).toMatchObject({
        appealsRegistered: 22276,
        ratePct: 3.2,
      });
      expect(await findOfficialAppealRate(db, '886', 2013)).toBeNull();
      expect((await listOfficialAppealRates(db, '886')).map((r) => r.year)).toEqual([
        2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
      ]);
      expect(await listOfficialAppealRates(db, '999')).toEqual([]);
      expect(await findOfficialAppealRate(db, '928', 2021)).toMatchObject({
        laName: 'Northamptonshire',
        sourceLaCode: '892',
        appealsRegistered: 85,
        appealableDecisions: null,
        flags: { notAvailable: true },
      });
      expect(await findOfficialAppealRate(db, '873', 2024)).toMatchObject({
        flags: { suspect: true },
      });

      const register = await listRegisterEntries(db);
      expect(register.filter((la) => la.current)).toHaveLength(153);
      expect(register.find((la) => la.code === '909')).toEqual({
        code: '909',
        gssCode: 'E10000006',
        name: 'Cumbria',
        regionCode: 'E12000002',
        regionName: 'North West',
        current: false,
        replacedOn: '2023-04-01',
        endYear: 2023,
        replacedBy: ['942', '943'],
      });
      expect(register.find((la) => la.code === '886')).toMatchObject({
        current: true,
        replacedOn: null,
        endYear: null,
        replacedBy: [],
      });
    });

    it('is idempotent: a second run changes nothing, a forced one only the import time', async () => {
      const { db } = fixture;
      await importReferenceData(db, { now: () => new Date('2025-06-10T12:00:00Z') });
      const before = await dump(db);
      const again = await importReferenceData(db, { now: () => new Date('2025-06-11T12:00:00Z') });
      expect(again).toMatchObject({
        imported: false,
        datasets: [
          { dataset: 'local_authorities', status: 'up_to_date', rows: 157 },
          { dataset: 'official_appeal_rates', status: 'up_to_date', rows: 1738 },
        ],
      });
      expect(await dump(db)).toEqual(before);

      await importReferenceData(db, { force: true, now: () => new Date('2025-06-12T12:00:00Z') });
      const forced = await dump(db);
      expect(forced['ref_local_authorities']).toEqual(before['ref_local_authorities']);
      expect(forced['ref_official_appeal_rates']).toEqual(before['ref_official_appeal_rates']);
      expect(forced['ref_imports']?.map((r) => r['imported_at'])).toEqual([
        '2025-06-12T12:00:00.000Z',
        '2025-06-12T12:00:00.000Z',
      ]);
    });

    it('re-imports a changed file: updates rows, removes rows it no longer has, leaves the rest', async () => {
      const { db } = fixture;
      const sources = readReferenceSources();
      await importReferenceData(db, { sources });
      const before = await dump(db);
      const wiltshire = sources.tribunal.split('\n').find((line) => line.startsWith('Wiltshire,'));
      expect(wiltshire).toBeDefined();
      const changed = {
        ...sources,
        tribunal: sources.tribunal
          .replace(KENT_2024, '"1,560","23,692",6.60%')
          .replace(`${wiltshire}\n`, ''),
      };
      const result = await importReferenceData(db, { sources: changed });
      expect(result.datasets).toMatchObject([
        { dataset: 'local_authorities', status: 'up_to_date' },
        { dataset: 'official_appeal_rates', status: 'imported', rows: 1738 - 11 },
      ]);
      expect(await count(db, 'ref_official_appeal_rates')).toBe(1727);
      expect(await findOfficialAppealRate(db, '886', 2024)).toMatchObject({
        appealsRegistered: 1560,
      });
      expect(await listOfficialAppealRates(db, '865')).toEqual([]);
      const after = await dump(db);
      expect(after['ref_local_authorities']).toEqual(before['ref_local_authorities']);

      // Back to the committed files: the original content again.
      await importReferenceData(db, { sources });
      const restored = await dump(db);
      expect(restored['ref_official_appeal_rates']).toEqual(before['ref_official_appeal_rates']);
    });

    it('writes nothing when a file cannot be parsed', async () => {
      const { db } = fixture;
      const sources = readReferenceSources();
      await importReferenceData(db, { sources });
      const before = await dump(db);
      const broken = {
        ...sources,
        tribunal: sources.tribunal.replace(KENT_2024, '"1,559",??,6.60%'),
      };
      await expect(importReferenceData(db, { sources: broken })).rejects.toThrow(
        /Unexpected count "\?\?"/,
      );
      expect(await dump(db)).toEqual(before);
    });
  });
};

referenceImportContract('reference import on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ref-import-'));
  const sqlite = new Database(join(dir, 'read-models.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  return Promise.resolve({
    db: new SqliteReadModelDb(sqlite),
    close: () => {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

const createSchema = async (connectionString: string): Promise<string> => {
  const schema = uniqueTestSchema('ref_test');
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  return schema;
};

describeWithPostgres('reference import on PostgreSQL', ({ connectionString }) => {
  referenceImportContract('in its own schema', async () => {
    const schema = await createSchema(connectionString);
    const db = new PostgresReadModelDb({ connectionString, schema });
    return {
      db,
      close: async () => {
        await db.close();
        await dropTestSchema(connectionString, schema);
      },
    };
  });

  it('lets two replicas import into an empty schema at the same time', async () => {
    const schema = await createSchema(connectionString);
    const replicas = [1, 2].map(() => new PostgresReadModelDb({ connectionString, schema }));
    try {
      await Promise.all(replicas.map((db) => importReferenceData(db)));
      const [first] = replicas;
      expect(await count(first!, 'ref_local_authorities')).toBe(157);
      expect(await count(first!, 'ref_official_appeal_rates')).toBe(1738);
      expect((await importReferenceData(first!)).imported).toBe(false);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await dropTestSchema(connectionString, schema);
    }
  });
});
