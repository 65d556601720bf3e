import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import { Client } from 'pg';
import { mutate } from './support/case-flow';
import { codeOf, TestApp } from './support/test-app';

/**
 * Erasure by crypto-shredding, end to end: personal data is encrypted in the event log from the first write, the
 * API still shows it to the family, and after `erasePersonalData` no byte of it is left in the database — not in
 * events, read models, keys or anywhere else — while every count stays as it was, even after a projection rebuild.
 */

/** Distinctive values, one per personal field, so a search of raw storage cannot match anything else. */
const PLAINTEXT = {
  childLabel: 'Zebedee-Plaintext-7f3a',
  notes: 'Notes-Plaintext-91c2 about the school',
  evidenceRef: 'EvidenceRef-Plaintext-5d1e.pdf',
  tribunalReference: 'TR PLAIN 8b4c',
  reason: 'Reason-Plaintext-3e9f: hospital',
  note: 'Note-Plaintext-6a2b: stayed away',
} as const;
const SECRETS = Object.values(PLAINTEXT);
const ERASED = '[erased]';
const TODAY = '2025-06-10';

const CASE = `query C($id: ID!) { case(id: $id) {
  id childLabel erased erasedOn localAuthorityCode openedOn
  appeals { id status outcome decidedOn tribunalReference adjournments { adjournedOn newHearingOn reason }
    orders { id type dueOn } }
  deadlines { rule dueOn status daysLate }
  breaches { id breachType occurredOn notes evidenceRefs }
  exceptions { id exception recordedOn }
  timeline { type occurredOn summary }
} }`;

interface CaseData {
  id: string;
  childLabel: string;
  erased: boolean;
  erasedOn: string | null;
  appeals: {
    id: string;
    status: string;
    outcome: string | null;
    decidedOn: string | null;
    tribunalReference: string | null;
    adjournments: { adjournedOn: string; newHearingOn: string | null; reason: string | null }[];
    orders: { id: string; type: string; dueOn: string }[];
  }[];
  deadlines: { rule: string; dueOn: string; status: string; daysLate: number | null }[];
  breaches: {
    id: string;
    breachType: string;
    occurredOn: string;
    notes: string | null;
    evidenceRefs: string[];
  }[];
  exceptions: { id: string; exception: string; recordedOn: string }[];
  timeline: { type: string; occurredOn: string; summary: string }[];
}

/** What erasure must not change: every count, date, stage and outcome. */
const statisticsOf = (c: CaseData) => ({
  appeals: c.appeals.map((a) => ({
    status: a.status,
    outcome: a.outcome,
    decidedOn: a.decidedOn,
    registered: a.tribunalReference !== null,
    adjournments: a.adjournments.map((j) => [j.adjournedOn, j.newHearingOn]),
    orders: a.orders,
  })),
  deadlines: c.deadlines,
  breaches: c.breaches.map((b) => [b.id, b.breachType, b.occurredOn, b.evidenceRefs.length]),
  exceptions: c.exceptions,
});

/** Drives one case through every kind of personal field; returns its id. */
const recordCaseWithPersonalData = async (app: TestApp, family: string): Promise<string> => {
  const step = (name: string, type: string, input: Record<string, unknown>) =>
    mutate<{ id: string }>(app, family, name, type, input, '{ id }');
  const caseId = (
    await step('openCase', 'OpenCaseInput', {
      localAuthorityCode: '886',
      childLabel: PLAINTEXT.childLabel,
    })
  ).id;
  await step('requestAssessment', 'RequestAssessmentInput', { caseId, receivedOn: '2025-01-06' });
  await step('recordDecision', 'RecordDecisionInput', {
    caseId,
    kind: 'ASSESSMENT_REFUSED',
    decisionLetterOn: '2025-02-10',
    appealRightsStated: true,
  });
  await step('recordException', 'RecordExceptionInput', {
    caseId,
    exception: 'T7_ABSENT_FROM_AREA',
    recordedOn: '2025-02-12',
    note: PLAINTEXT.note,
  });
  await step('reportBreach', 'ReportBreachInput', {
    caseId,
    breachType: 'FAILURE_TO_CONSULT',
    dutyHolder: { kind: 'LA', localAuthorityCode: '886' },
    legalBasis: 'Children and Families Act 2014 s.19',
    occurredOn: '2025-02-10',
    evidenceRefs: [PLAINTEXT.evidenceRef, 'letter of 10 February'],
    notes: PLAINTEXT.notes,
  });
  const appealId = (
    await step('lodgeAppeal', 'LodgeAppealInput', {
      caseId,
      appealTypes: ['REFUSAL_TO_ASSESS'],
      lodgedOn: '2025-03-20',
      decisionLetterOn: '2025-02-10',
    })
  ).id;
  await step('registerAppeal', 'RegisterAppealInput', {
    appealId,
    tribunalReference: PLAINTEXT.tribunalReference,
    registeredOn: '2025-03-31',
    responseDueOn: '2025-05-12',
  });
  await step('scheduleHearing', 'ScheduleHearingInput', { appealId, hearingOn: '2025-05-20' });
  await step('adjournHearing', 'AdjournHearingInput', {
    appealId,
    adjournedOn: '2025-05-20',
    newHearingOn: '2025-06-03',
    reason: PLAINTEXT.reason,
  });
  await step('recordHearingHeld', 'RecordHearingHeldInput', { appealId, heldOn: '2025-06-03' });
  await step('recordAppealOutcome', 'RecordAppealOutcomeInput', {
    appealId,
    outcome: 'DECIDED_IN_FAVOUR',
    extent: 'IN_FULL',
    decidedOn: '2025-06-05',
    orders: [{ type: 'ASSESS' }],
  });
  return caseId;
};

/** Statistics tables: the aggregates and facts other projections keep (not their per-case bookkeeping documents). */
const isStatisticsTable = (name: string): boolean =>
  /^rm_(stat_|appeal_stat|breach_)/.test(name) && name !== 'rm_stat_cases';

/** The statistics once the projections have caught up (two equal reads in a row). */
const settledStatistics = async (storage: Storage): Promise<string[]> => {
  let previous = await storage.statistics();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await storage.statistics();
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  throw new Error('The statistics read models did not settle.');
};

/** The erasure scenario, the same on every store; `storage` looks at the raw database. */
interface Storage {
  /** The personal plaintexts found anywhere in the database (every table, every byte). */
  secretsFound(): Promise<string[]>;
  /** The stored `data` of every event, as text. */
  eventData(): Promise<string>;
  eventCount(): Promise<number>;
  /** Makes the case-status projection rebuild from the first event at the next start. */
  forceRebuild(): Promise<void>;
  /** The case-status projection's stored version (0 right after forceRebuild, until the rebuild). */
  projectionVersion(): Promise<number>;
  /** Every row of the statistics read models (aggregates, per-appeal and per-breach facts), sorted. */
  statistics(): Promise<string[]>;
}

const erasureScenario = (getApp: () => TestApp, storage: () => Storage) => {
  let caseId: string;
  let family: string;
  let before: CaseData;
  let statisticsBefore: string[];
  const readCase = async (id = caseId, token = family): Promise<CaseData> => {
    const r = await getApp().gql<{ case: CaseData }>(CASE, { id }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.case;
  };
  const erase = (id: string, token: string) =>
    getApp().gql<{ erasePersonalData: boolean }>(
      'mutation E($id: ID!) { erasePersonalData(caseId: $id) }',
      { id },
      token,
    );

  it('encrypts personal data at rest from the first write, while the family still sees it', async () => {
    const app = getApp();
    family = await app.token('FAMILY', 'parent-erasure');
    caseId = await recordCaseWithPersonalData(app, family);
    before = await readCase();
    statisticsBefore = await settledStatistics(storage());

    expect(before.childLabel).toBe(PLAINTEXT.childLabel);
    expect(before.erased).toBe(false);
    expect(before.breaches[0]).toMatchObject({
      notes: PLAINTEXT.notes,
      evidenceRefs: [PLAINTEXT.evidenceRef, 'letter of 10 February'],
    });
    expect(before.appeals[0]!.tribunalReference).toBe(PLAINTEXT.tribunalReference);
    expect(before.appeals[0]!.adjournments[0]!.reason).toBe(PLAINTEXT.reason);
    expect(before.appeals[0]!.orders).toHaveLength(1);
    expect(before.deadlines.length).toBeGreaterThan(3);

    const events = await storage().eventData();
    for (const secret of SECRETS) expect(events).not.toContain(secret);
    expect(events).toContain('"$enc":');
    // The read model holds the plaintext (that is what it is for) — and the search finds it there.
    expect(await storage().secretsFound()).toContain(PLAINTEXT.childLabel);
  });

  it('only the family that owns the case (or an operator) may erase it', async () => {
    const app = getApp();
    const cases = [
      [await app.token('FAMILY', 'another-parent'), 'NOT_FOUND'],
      [await app.token('ADVOCATE', 'advocate-1', 'ipsea'), 'FORBIDDEN'],
      [await app.token('POLICY', 'analyst-1'), 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const;
    for (const [token, code] of cases) {
      const response = await app.gql(
        'mutation E($id: ID!) { erasePersonalData(caseId: $id) }',
        { id: caseId },
        token,
      );
      expect(codeOf(response)).toBe(code);
    }
    expect(codeOf(await erase('no-such-case', family))).toBe('NOT_FOUND');
    expect((await readCase()).erased).toBe(false);
  });

  it('erases: the case reads as erased, no plaintext is left anywhere, and every count is unchanged', async () => {
    const eventsBefore = await storage().eventCount();

    const response = await erase(caseId, family);

    expect(response.errors).toBeUndefined();
    expect(response.data!.erasePersonalData).toBe(true);
    expect(await storage().eventCount()).toBe(eventsBefore + 1);
    const after = await readCase();
    expect(after).toMatchObject({ erased: true, erasedOn: TODAY, childLabel: ERASED });
    expect(after.breaches[0]).toMatchObject({ notes: null, evidenceRefs: [ERASED, ERASED] });
    expect(after.appeals[0]!.tribunalReference).toBe(ERASED);
    expect(after.appeals[0]!.adjournments[0]!.reason).toBeNull();
    expect(statisticsOf(after)).toEqual(statisticsOf(before));
    expect(after.timeline.slice(0, -1)).toEqual(before.timeline);
    expect(after.timeline.at(-1)).toEqual({
      type: 'PersonalDataErased',
      occurredOn: TODAY,
      summary: 'Personal data erased',
    });
    expect(JSON.stringify(after)).not.toMatch(/Plaintext|PLAIN/);

    expect(await storage().secretsFound()).toEqual([]);
    expect(statisticsBefore.length).toBeGreaterThan(0);
    expect(await settledStatistics(storage())).toEqual(statisticsBefore);
  });

  it('asking again returns true and records nothing; the erased case can no longer be changed', async () => {
    const app = getApp();
    const count = await storage().eventCount();
    const again = await erase(caseId, family);
    expect(again.data?.erasePersonalData).toBe(true);
    expect(await storage().eventCount()).toBe(count);

    const change = await app.gql(
      'mutation M($i: RequestAssessmentInput!) { requestAssessment(input: $i) { id } }',
      { i: { caseId, receivedOn: '2025-06-01' } },
      family,
    );
    expect(codeOf(change)).toBe('INVALID_TRANSITION');
    expect(await storage().eventCount()).toBe(count);
  });

  it('an operator may process an erasure request for any case', async () => {
    const app = getApp();
    const otherFamily = await app.token('FAMILY', 'parent-erasure-2');
    const otherCase = (
      await mutate<{ id: string }>(
        app,
        otherFamily,
        'openCase',
        'OpenCaseInput',
        { localAuthorityCode: '330', childLabel: 'Operator-Erased-Child' },
        '{ id }',
      )
    ).id;
    const admin = await app.token('ADMIN', 'operator-1');
    expect((await erase(otherCase, admin)).data?.erasePersonalData).toBe(true);
    expect(await readCase(otherCase, otherFamily)).toMatchObject({
      erased: true,
      childLabel: ERASED,
    });
  });

  it('a projection rebuild after erasure replays the events as erased: still no plaintext, same counts', async () => {
    const app = getApp();
    await storage().forceRebuild();
    await app.restart();
    expect(await storage().projectionVersion()).toBeGreaterThan(0); // it was rebuilt
    family = await app.token('FAMILY', 'parent-erasure');

    const rebuilt = await readCase();
    expect(rebuilt).toMatchObject({ erased: true, erasedOn: TODAY, childLabel: ERASED });
    expect(statisticsOf(rebuilt)).toEqual(statisticsOf(before));
    expect(rebuilt.breaches[0]).toMatchObject({ notes: null, evidenceRefs: [ERASED, ERASED] });
    expect(rebuilt.appeals[0]!.tribunalReference).toBe(ERASED);
    expect(await storage().secretsFound()).toEqual([]);
  });
};

describe('erasure on SQLite (the file and its WAL, byte for byte)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ today: TODAY });
  });
  afterAll(() => app.stop());

  const withDb = <T>(work: (db: Database.Database) => T, readonly = true): T => {
    const db = new Database(app.config.sqliteFile, { readonly });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  const storage = (): Storage => ({
    secretsFound: () => {
      const file = app.config.sqliteFile;
      const bytes = Buffer.concat(
        [file, `${file}-wal`, `${file}-journal`]
          .filter((f) => existsSync(f))
          .map((f) => readFileSync(f)),
      );
      return Promise.resolve(
        SECRETS.filter(
          (s) =>
            bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')),
        ),
      );
    },
    eventData: () =>
      Promise.resolve(
        withDb((db) =>
          (db.prepare('SELECT data FROM es_events').all() as { data: string }[])
            .map((r) => r.data)
            .join('\n'),
        ),
      ),
    eventCount: () =>
      Promise.resolve(
        withDb(
          (db) => (db.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n,
        ),
      ),
    forceRebuild: () =>
      Promise.resolve(
        void withDb(
          (db) =>
            db
              .prepare("UPDATE rm_checkpoints SET version = 0 WHERE projection = 'case-status'")
              .run(),
          false,
        ),
      ),
    statistics: () =>
      Promise.resolve(
        withDb((db) =>
          (
            db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
              name: string;
            }[]
          )
            .map((t) => t.name)
            .filter(isStatisticsTable)
            .flatMap((table) =>
              db
                .prepare(`SELECT * FROM "${table}"`)
                .all()
                .map((row) => `${table} ${JSON.stringify(row)}`),
            )
            .sort(),
        ),
      ),
    projectionVersion: () =>
      Promise.resolve(
        withDb(
          (db) =>
            (
              db
                .prepare("SELECT version FROM rm_checkpoints WHERE projection = 'case-status'")
                .get() as { version: number }
            ).version,
        ),
      ),
  });

  erasureScenario(() => app, storage);

  it('keeps the key outside the events and leaves only a tombstone of it', () => {
    const rows = withDb((db) =>
      db.prepare('SELECT subject_id, key, destroyed_at FROM pd_keys ORDER BY created_at').all(),
    ) as { subject_id: string; key: Buffer | null; destroyed_at: string | null }[];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row.key).toBeNull();
      expect(row.destroyed_at).not.toBeNull();
    }
  });
});

describeWithPostgres(
  'erasure on PostgreSQL (every column of every table)',
  ({ connectionString }) => {
    const schema = uniqueTestSchema('e2e_erasure');
    let app: TestApp;
    beforeAll(async () => {
      app = await TestApp.start({
        today: TODAY,
        env: { STORE: 'postgres', DATABASE_URL: connectionString, DATABASE_SCHEMA: schema },
      });
    });
    afterAll(async () => {
      await app.stop();
      await dropTestSchema(connectionString, schema);
    });

    const query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
      const client = new Client({ connectionString });
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    const storage = (): Storage => ({
      secretsFound: async () => {
        const tables = await query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
         WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
          [schema],
        );
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining([
            'es_events',
            'pd_keys',
            'rm_appeals',
            'rm_cases',
            'rm_checkpoints',
          ]),
        );
        // Each row as text (jsonb, text and bytea alike; bytea shows as hex, so look for the hex too).
        const text = (
          await Promise.all(
            tables.map((t) =>
              query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${t.table_name}" t`),
            ),
          )
        )
          .flat()
          .map((r) => r.row)
          .join('\n');
        return SECRETS.filter(
          (s) => text.includes(s) || text.includes(Buffer.from(s, 'utf8').toString('hex')),
        );
      },
      eventData: async () =>
        (await query<{ data: string }>(`SELECT data::text AS data FROM "${schema}".es_events`))
          .map((r) => r.data)
          .join('\n'),
      eventCount: async () =>
        Number(
          (await query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".es_events`))[0]!
            .n,
        ),
      forceRebuild: async () => {
        await query(
          `UPDATE "${schema}".rm_checkpoints SET version = 0 WHERE projection = 'case-status'`,
        );
      },
      statistics: async () => {
        const tables = await query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
          [schema],
        );
        const rows = await Promise.all(
          tables
            .map((t) => t.table_name)
            .filter(isStatisticsTable)
            .map(async (table) =>
              (
                await query<{ row: string }>(
                  `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`,
                )
              ).map((r) => `${table} ${r.row}`),
            ),
        );
        return rows.flat().sort();
      },
      projectionVersion: async () =>
        Number(
          (
            await query<{ version: number }>(
              `SELECT version FROM "${schema}".rm_checkpoints WHERE projection = 'case-status'`,
            )
          )[0]!.version,
        ),
    });

    erasureScenario(() => app, storage);

    it('keeps the keys in pd_keys, never in the events, and leaves tombstones', async () => {
      const rows = await query<{ key: Buffer | null; destroyed_at: Date | null }>(
        `SELECT key, destroyed_at FROM "${schema}".pd_keys`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        expect(row.key).toBeNull();
        expect(row.destroyed_at).toBeInstanceOf(Date);
      }
    });
  },
);
