import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseStreamId, type CaseCommand } from '@app/domain';
import {
  describeWithPostgres,
  dropTestSchema,
  handleCommand,
  uniqueTestSchema,
} from '@app/event-store';
import { ALL_PROJECTIONS, PostgresAdvisoryLocks, ProjectionRunner } from '@app/projections';
import { loadConfig } from '../config/config';
import { openStores } from '../persistence/open-stores';
import { runProjectionsRebuild, type CliOutput } from './projections-rebuild.cli';

/** The rebuild command in-process, against a SQLite data directory written the way the service writes it. */
describe('npm run projections:rebuild', () => {
  let dir: string;
  let env: Record<string, string>;

  const capture = () => {
    const lines = { log: [] as string[], error: [] as string[] };
    const out: CliOutput = {
      log: (message) => lines.log.push(message),
      error: (message) => lines.error.push(message),
    };
    return { out, lines };
  };

  /** Every row of the read models and their checkpoints (without the wall-clock `updated_at`). */
  const readModels = async (): Promise<Record<string, unknown[]>> => {
    const stores = await openStores(loadConfig(env));
    try {
      const tables = [...ALL_PROJECTIONS.flatMap((p) => p.tables), 'rm_checkpoints'];
      const dump: Record<string, unknown[]> = {};
      for (const table of tables) {
        const rows = await stores.readModels.query(`SELECT * FROM ${table}`);
        dump[table] = rows
          .map((row) => {
            const { updated_at: _wallClock, ...rest } = row;
            return JSON.stringify(rest);
          })
          .sort();
      }
      return dump;
    } finally {
      await stores.close();
    }
  };

  const command = (type: string, data: object, today: string): CaseCommand =>
    ({ type, data, metadata: { actor: 'parent-1', today } }) as CaseCommand;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-rebuild-cli-'));
    env = { NODE_ENV: 'test', DATA_DIR: dir };
    const stores = await openStores(loadConfig(env));
    try {
      const decide = (caseId: string, cmd: CaseCommand, i: number) =>
        handleCommand(stores.eventStore, caseStreamId(caseId), caseDecider, cmd, {
          actor: 'parent-1',
          now: new Date(`${cmd.metadata.today}T12:00:00Z`),
          idempotencyKey: `cli-${caseId}-${i}`,
        });
      for (const [n, la] of ['886', '202', '886'].entries()) {
        const caseId = `cli-case-${n}`;
        await decide(
          caseId,
          command('OpenCase', { caseId, localAuthorityCode: la, childLabel: 'Sam' }, '2025-01-06'),
          0,
        );
        await decide(
          caseId,
          command(
            'LodgeAppeal',
            { appealId: `cli-appeal-${n}`, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-01-10' },
            '2025-01-10',
          ),
          1,
        );
        await decide(
          caseId,
          command(
            'RecordAppealOutcome',
            {
              appealId: `cli-appeal-${n}`,
              outcome: n === 1 ? 'DISMISSED' : 'CONCEDED',
              decidedOn: '2025-03-03',
            },
            '2025-03-03',
          ),
          2,
        );
        await decide(caseId, command('DetectBreaches', { asOf: '2025-09-01' }, '2025-09-01'), 3);
      }
      // As the service would have: every read model caught up.
      const runner = new ProjectionRunner(stores.eventStore, stores.readModels, ALL_PROJECTIONS);
      await runner.init();
      await runner.catchUp();
    } finally {
      await stores.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every read model to exactly what the service had built', async () => {
    const before = await readModels();
    expect((before.rm_cases ?? []).length).toBe(3);
    const { out, lines } = capture();
    expect(await runProjectionsRebuild([], env, out)).toBe(0);
    expect(lines.error).toEqual([]);
    for (const projection of ALL_PROJECTIONS) {
      expect(lines.log).toContain(`${projection.name}: emptied, rebuilding from the first event…`);
      expect(lines.log.join('\n')).toMatch(
        new RegExp(
          `^${projection.name} \\(version ${projection.version}\\): rebuilt from \\d+ events in \\d+\\.\\d s\\.$`,
          'm',
        ),
      );
    }
    expect(await readModels()).toEqual(before);
  });

  /** When each projection's checkpoint was last written. */
  const stamps = async (): Promise<Record<string, string>> => {
    const stores = await openStores(loadConfig(env));
    try {
      const rows = await stores.readModels.query<{ projection: string; updated_at: string }>(
        'SELECT projection, updated_at FROM rm_checkpoints',
      );
      return Object.fromEntries(rows.map((r) => [r.projection, r.updated_at]));
    } finally {
      await stores.close();
    }
  };

  it('--only case-status rebuilds just that one', async () => {
    const before = await readModels();
    const { 'case-status': _rebuilt, ...others } = await stamps();
    const { out, lines } = capture();
    expect(
      await runProjectionsRebuild(['--only', 'case-status', '--batch-size', '2'], env, out),
    ).toBe(0);
    expect(lines.log.filter((line) => / rebuilt from /.test(line))).toEqual([
      expect.stringMatching(/^case-status \(version \d+\): rebuilt from \d+ events in /),
    ]);
    expect(await readModels()).toEqual(before);
    expect(await stamps()).toMatchObject(others);
    expect(Object.keys(others).length).toBe(ALL_PROJECTIONS.length - 1);
  });

  it('an unknown projection is a clear error with exit code 2, and nothing is opened', async () => {
    const { out, lines } = capture();
    expect(
      await runProjectionsRebuild(
        ['--only', 'case-status,nope'],
        { ...env, DATA_DIR: join(dir, 'never') },
        out,
      ),
    ).toBe(2);
    expect(lines.error).toEqual([
      `Unknown projection: nope. Known projections: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}.`,
    ]);
  });

  it('bad arguments and configuration exit with code 2', async () => {
    const run = async (args: string[], environment = env) => {
      const { out, lines } = capture();
      return {
        code: await runProjectionsRebuild(args, environment, out),
        errors: lines.error.join('\n'),
      };
    };
    expect(await run(['--batch-size', '0'])).toEqual({
      code: 2,
      errors: '--batch-size must be a whole number from 1 to 100000 (got "0").',
    });
    const unknownOption = await run(['--verbose']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.errors).toMatch(/Unknown option '--verbose'[\s\S]*Usage:/);
    const memory = await run([], { ...env, STORE: 'memory' });
    expect(memory.code).toBe(2);
    expect(memory.errors).toMatch(/nothing to rebuild/);
    const badStore = await run([], { ...env, STORE: 'nosuch' });
    expect(badStore.code).toBe(2);
    expect(badStore.errors).toMatch(/^Invalid configuration/);
    const help = capture();
    expect(await runProjectionsRebuild(['--help'], env, help.out)).toBe(0);
    expect(help.lines.log.join('\n')).toMatch(/^Usage: npm run projections:rebuild/);
  });
});

describeWithPostgres('npm run projections:rebuild on PostgreSQL', ({ connectionString }) => {
  const schema = uniqueTestSchema('rm_rebuild_cli');
  const env = {
    NODE_ENV: 'test',
    STORE: 'postgres',
    DATABASE_URL: connectionString,
    DATABASE_SCHEMA: schema,
  };
  afterAll(() => dropTestSchema(connectionString, schema));

  it('refuses with exit code 3 while the service holds a projection, and rebuilds once it is gone', async () => {
    const stores = await openStores(loadConfig(env));
    const runner = new ProjectionRunner(stores.eventStore, stores.readModels, ALL_PROJECTIONS);
    await runner.init();
    await stores.close();
    const service = new PostgresAdvisoryLocks({
      connectionString,
      scope: schema,
      applicationName: 'test service',
    });
    try {
      expect(await service.tryAcquire('case-status')).toBe(true);
      const lines: string[] = [];
      const out = { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
      expect(await runProjectionsRebuild(['--only', 'case-status'], env, out)).toBe(3);
      expect(lines).toEqual([
        'Another process (a running service?) is running case-status: stop the service (every replica) and try again.',
      ]);
      await service.release('case-status');
      expect(await runProjectionsRebuild([], env, out)).toBe(0);
      // The rebuild let go of its locks: the service can take its projections back.
      expect(await service.tryAcquire('case-status')).toBe(true);
    } finally {
      await service.close();
    }
  });
});
