import type { CaseState, ErasureRequester } from '@app/domain';
import type { HandleCommandResult, KeyStore } from '@app/event-store';
import { findCase, type ReadModelDb } from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Viewer } from '../auth/viewer';
import { CaseReader } from '../cases/case-reader.service';
import { DecideCase } from '../cases/decide-case.handler';
import { CLOCK, type Clock } from '../common/clock';
import { apiError, forbidden, notFound } from '../graphql/errors';
import { KEY_STORE, READ_MODEL_DB } from '../persistence/persistence.tokens';

/**
 * Erasure by crypto-shredding (UK GDPR Art 17; README "Personal data and erasure"), done at once rather than within
 * the month the law allows:
 * 1. `PersonalDataErased` is appended to the case (the erasure is itself on record; it holds no personal data);
 * 2. the case's data key is destroyed, so every personal field of every event reads as erased, everywhere, for good;
 * 3. the read model purges its copies when it folds the event; this waits for that, like every mutation;
 * 4. SQLite is asked to drop old page images (WAL checkpoint; secure_delete already zeroed freed space).
 * Asking again is safe and completes an erasure a crash interrupted (the key goes even when the event was there).
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: CaseReader,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(viewer: Viewer, caseId: string): Promise<void> {
    const requestedBy = await this.requester(viewer, caseId);
    const result: HandleCommandResult<CaseState> = await this.commandBus.execute(
      new DecideCase(
        caseId,
        {
          type: 'ErasePersonalData',
          data: { requestedBy },
          metadata: { actor: viewer.id, today: this.clock.today() },
        },
        { actor: viewer.id, now: this.clock.now() },
      ),
    );
    await this.keys.destroyKey(caseId, this.clock.now());
    await this.reader.afterWrite(caseId, result);
    const view = await findCase(this.db, caseId);
    if (!view?.erasedOn) {
      // Recorded and the key is gone, so nothing can be decrypted any more; the read model has not purged its copy.
      throw apiError(
        'SERVICE_UNAVAILABLE',
        'The erasure is recorded and the case key destroyed, but the case list has not caught up yet: ask again in a moment.',
      );
    }
    if (!(await this.keys.scrub())) {
      this.logger.warn(
        'The database could not drop old page images now; they go at the next checkpoint.',
      );
    }
  }

  /** The family that opened the case, or an operator (any case); others are refused without learning anything. */
  private async requester(viewer: Viewer, caseId: string): Promise<ErasureRequester> {
    switch (viewer.role) {
      case 'FAMILY':
        if ((await this.reader.relationTo(viewer, caseId)) === 'OWNER') return 'FAMILY';
        throw notFound('The case');
      case 'ADMIN':
        if (await findCase(this.db, caseId)) return 'ADMIN';
        throw notFound('The case');
      default:
        throw forbidden(
          'Only the family that opened the case, or an operator processing its request, can erase its personal data.',
        );
    }
  }
}
