import { caseStreamId } from '@app/domain';
import type { EventStore, HandleCommandResult } from '@app/event-store';
import {
  caseViewFromEvents,
  findCase,
  findCaseOfAppeal,
  type CaseView,
  type ReadModelDb,
} from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Viewer } from '../auth/viewer';
import { ProjectionService } from '../persistence/projection.service';
import { EVENT_STORE, READ_MODEL_DB } from '../persistence/persistence.tokens';
import { canSeeCase } from './case-access';

/** Reads cases from the appeal-status read model, filtered by what the viewer may see. */
@Injectable()
export class CaseReader {
  private readonly logger = new Logger('CaseReader');

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async visibleCase(viewer: Viewer, caseId: string): Promise<CaseView | null> {
    const view = await findCase(this.db, caseId);
    return view && canSeeCase(viewer, view) ? view : null;
  }

  async visibleCaseOfAppeal(viewer: Viewer, appealId: string): Promise<CaseView | null> {
    const view = await findCaseOfAppeal(this.db, appealId);
    return view && canSeeCase(viewer, view) ? view : null;
  }

  /**
   * The case as it stands after a write: waits (briefly) for the read model so the next query sees the change too;
   * if the projection lags, answers from the events just written rather than from a stale document.
   */
  async afterWrite(caseId: string, result: HandleCommandResult<unknown>): Promise<CaseView> {
    const version = result.nextExpectedVersion;
    const current = async () => {
      const view = await findCase(this.db, caseId);
      return view !== null && BigInt(view.version) >= version ? view : null;
    };
    const projected = await this.projections.waitUntilProjected(
      'case-status',
      caseStreamId(caseId),
      version,
      async () => (await current()) !== null,
    );
    const view = projected ? await current() : null;
    if (view) return view;
    this.logger.warn(`Read model behind for case ${caseId}; answering from the event stream.`);
    const events = await this.store.readStream(caseStreamId(caseId));
    const folded = caseViewFromEvents(caseId, events.events);
    if (!folded)
      throw new Error(`Case ${caseId} has no CaseOpened event after a successful write.`);
    return folded;
  }
}
