import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand } from '@app/event-store';
import { findCase } from '@app/projections';
import { loadConfig, type AppConfig } from '../config/config';
import { openStores, type Stores } from './open-stores';
import { ProjectionService } from './projection.service';

describe('ProjectionService on SQLite (this process runs the projections)', () => {
  let dir: string;
  let stores: Stores;
  let service: ProjectionService;
  let config: AppConfig;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-projection-service-'));
    config = loadConfig({ STORE: 'sqlite', DATA_DIR: dir }, dir);
    stores = await openStores(config);
    service = new ProjectionService(stores.eventStore, stores.readModels, config);
    await service.onModuleInit();
    service.onApplicationBootstrap();
  });

  afterEach(async () => {
    await service.beforeApplicationShutdown();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const openCase = (caseId: string) =>
    handleCommand(
      stores.eventStore,
      caseStreamId(caseId),
      caseDecider,
      {
        type: 'OpenCase',
        data: { caseId, localAuthorityCode: '886', childLabel: 'Sam' },
        metadata: { actor: 'parent-a', today: '2025-06-10' },
      },
      { actor: 'parent-a', now: new Date('2025-06-10T12:00:00Z') },
    );

  const lodge = (caseId: string) =>
    handleCommand(
      stores.eventStore,
      caseStreamId(caseId),
      caseDecider,
      {
        type: 'LodgeAppeal',
        data: {
          appealId: 'a0000000-0000-4000-8000-000000000001',
          appealTypes: ['CONTENTS_F'],
          lodgedOn: '2025-05-01',
        },
        metadata: { actor: 'parent-a', today: '2025-06-10' },
      },
      { actor: 'parent-a', now: new Date('2025-06-10T12:00:00Z') },
    );

  it('read-your-writes on a case it has projected: resolves when the runner commits, without reading the read model', async () => {
    const caseId = '00000000-0000-4000-8000-000000000001';
    const opened = await openCase(caseId);
    // A stream this runner has not projected yet: the read model is checked, as for any stream it does not know.
    await service.waitUntilProjected(
      'case-status',
      caseStreamId(caseId),
      opened.nextExpectedVersion,
      async () => (await findCase(stores.readModels, caseId)) !== null,
    );
    let reads = 0;
    const isVisible = () => {
      reads++;
      return Promise.resolve(false);
    };

    const lodged = await lodge(caseId);
    const projected = await service.waitUntilProjected(
      'case-status',
      caseStreamId(caseId),
      lodged.nextExpectedVersion,
      isVisible,
    );

    expect(projected).toBe(true);
    expect((await findCase(stores.readModels, caseId))?.version).toBe(2);
    // Asked again (a retried mutation): answered from what the runner committed.
    await expect(
      service.waitUntilProjected(
        'case-status',
        caseStreamId(caseId),
        lodged.nextExpectedVersion,
        isVisible,
      ),
    ).resolves.toBe(true);
    expect(reads).toBe(0);
  });

  it('a version committed before this runner saw the stream is found in the read model', async () => {
    const caseId = '00000000-0000-4000-8000-000000000002';
    const opened = await openCase(caseId);
    await service.runner.catchUp();
    // As after a restart: the runner has not committed anything of this stream in this process.
    const restarted = new ProjectionService(stores.eventStore, stores.readModels, config);
    await restarted.onModuleInit();

    await expect(
      restarted.waitUntilProjected(
        'case-status',
        caseStreamId(caseId),
        opened.nextExpectedVersion,
        async () => (await findCase(stores.readModels, caseId)) !== null,
        // Well under the safety poll's interval: only a look at once can answer before this runs out.
        300,
      ),
    ).resolves.toBe(true);
    await restarted.beforeApplicationShutdown();
  });

  it('concurrent mutations of many cases are all visible once each is answered', async () => {
    const ids = Array.from(
      { length: 20 },
      (_, i) => `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
    );

    const answered = await Promise.all(
      ids.map(async (caseId) => {
        const written = await openCase(caseId);
        const projected = await service.waitUntilProjected(
          'case-status',
          caseStreamId(caseId),
          written.nextExpectedVersion,
          () => Promise.resolve(false),
        );
        // Read at once after the answer, as the resolver does.
        return projected && (await findCase(stores.readModels, caseId)) !== null;
      }),
    );

    expect(answered).toEqual(ids.map(() => true));
  });
});
