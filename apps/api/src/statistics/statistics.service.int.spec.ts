import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../auth/viewer';
import { createApp } from '../bootstrap';
import { loadConfig, type AppConfig } from '../config/config';

/**
 * The national statistics are kept per state of the read model, per question: the real app on a SQLite file, data
 * made through the real mutations, the answers compared with a freshly started app (nothing remembered) on the same
 * file.
 */

const clock = { now: () => new Date('2025-06-10T12:00:00.000Z'), today: () => '2025-06-10' };

interface Row {
  readonly localAuthorityCode: string | null;
  readonly appealType: string | null;
  readonly registered: number | null;
  readonly suppressedFields: string[];
}

const STATS = `query S($groupBy: [AppealStatisticsDimension!], $filter: AppealStatisticsFilter) {
  appealOutcomeStatistics(groupBy: $groupBy, filter: $filter) {
    localAuthorityCode appealType registered withdrawn decided successRate suppressed suppressedFields
  }
}`;

class App {
  private constructor(
    private readonly nest: INestApplication,
    private readonly url: string,
  ) {}

  static async start(config: AppConfig): Promise<App> {
    const nest = await createApp(config, clock);
    await nest.listen(0, '127.0.0.1');
    const { port } = (nest.getHttpServer() as Server).address() as { port: number };
    return new App(nest, `http://127.0.0.1:${port}/graphql`);
  }

  token(role: Role, sub: string): Promise<string> {
    return this.nest.get(AuthService).sign({ sub, role });
  }

  async gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  /** A family opens a case in `la` and lodges an appeal of `type`. */
  async appeal(la: string, n: number, type: string): Promise<void> {
    const family = await this.token('FAMILY', `stats-parent-${la}-${n}`);
    const { openCase } = await this.gql<{ openCase: { id: string } }>(
      family,
      'mutation O($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      { input: { localAuthorityCode: la, childLabel: 'Sam' } },
    );
    await this.gql(
      family,
      'mutation L($input: LodgeAppealInput!) { lodgeAppeal(input: $input) { id } }',
      {
        input: {
          caseId: openCase.id,
          appealTypes: [type],
          lodgedOn: '2024-10-01',
          decisionLetterOn: '2024-09-02',
        },
      },
    );
  }

  stop(): Promise<void> {
    return this.nest.close();
  }
}

describe('national appeal statistics: answers kept per state of the read model', () => {
  let dir: string;
  const configOf = (threshold: number) =>
    loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      PORT: '0',
      BREACH_DETECTION_INTERVAL_MINUTES: '0',
      DISCLOSURE_THRESHOLD: String(threshold),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'send-stats-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a repeated question the same way, and changes the answer once a new event is projected', async () => {
    const app = await App.start(configOf(1));
    try {
      const policy = await app.token('POLICY', 'analyst');
      const byLa = async () =>
        (
          await app.gql<{ appealOutcomeStatistics: Row[] }>(policy, STATS, {
            groupBy: ['LOCAL_AUTHORITY'],
          })
        ).appealOutcomeStatistics;
      const kent = (rows: Row[]) => rows.find((r) => r.localAuthorityCode === '886')?.registered;

      expect(await byLa()).toEqual([]);
      await app.appeal('886', 1, 'CONTENTS_F');
      expect(kent(await byLa())).toBe(1);
      expect(kent(await byLa())).toBe(1);
      await app.appeal('886', 2, 'REFUSAL_TO_ASSESS');
      expect(kent(await byLa())).toBe(2);
      await app.appeal('887', 1, 'CONTENTS_F');
      const rows = await byLa();
      expect(rows.map((r) => [r.localAuthorityCode, r.registered])).toEqual([
        ['886', 2],
        ['887', 1],
      ]);
      // The same question asked with its filter values in another order and repeated: the same answer.
      const filtered = (codes: string[]) =>
        app.gql<{ appealOutcomeStatistics: Row[] }>(policy, STATS, {
          groupBy: ['LOCAL_AUTHORITY'],
          filter: { localAuthorityCodes: codes },
        });
      expect(await filtered(['887', '886', '887'])).toEqual(await filtered(['886', '887']));
      expect((await filtered(['887'])).appealOutcomeStatistics).toEqual([rows[1]]);
    } finally {
      await app.stop();
    }
  });

  it('suppresses exactly as a freshly started service does, after the read model moved under it', async () => {
    const app = await App.start(configOf(5));
    const questions = [
      { groupBy: ['LOCAL_AUTHORITY'] },
      { groupBy: ['REGION', 'ACADEMIC_YEAR'] },
      { groupBy: ['LOCAL_AUTHORITY', 'APPEAL_TYPE'] },
      { groupBy: [] },
    ];
    const answers = async (running: App): Promise<Row[][]> => {
      const policy = await running.token('POLICY', 'analyst');
      const result: Row[][] = [];
      for (const variables of questions)
        result.push(
          (await running.gql<{ appealOutcomeStatistics: Row[] }>(policy, STATS, variables))
            .appealOutcomeStatistics,
        );
      return result;
    };
    let kept: Row[][];
    try {
      const plan: [string, number, string][] = [
        ['886', 6, 'CONTENTS_F'],
        ['886', 2, 'REFUSAL_TO_ASSESS'],
        ['887', 3, 'CONTENTS_F'],
        ['202', 7, 'CONTENTS_F'],
        ['203', 1, 'REFUSAL_TO_ASSESS'],
      ];
      let n = 0;
      for (const [la, count, type] of plan) {
        for (let i = 0; i < count; i++) await app.appeal(la, n++, type);
        // Asked after every step: the running service recomputes incrementally from its last tables.
        await answers(app);
      }
      kept = await answers(app);
      expect(kept[0]!.some((r) => r.suppressedFields.length > 0)).toBe(true);
    } finally {
      await app.stop();
    }
    const fresh = await App.start(configOf(5));
    try {
      expect(await answers(fresh)).toEqual(kept);
    } finally {
      await fresh.stop();
    }
  });
});
