import { caseStreamId } from '@app/domain';
import type { EventStore, HandleCommandResult } from '@app/event-store';
import {
  caseViewFromEvents,
  findCase,
  findCaseOfAppeal,
  listCasesGrantedTo,
  listCasesOfOwner,
  type CasePage,
  type CaseView,
  type ReadModelDb,
} from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessAuditService } from '../access/access-audit.service';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProjectionService } from '../persistence/projection.service';
import { EVENT_STORE, READ_MODEL_DB } from '../persistence/persistence.tokens';
import { canSeeCase, relationTo, type CaseRelation } from './case-access';
import { CaseViewCache } from './case-view-cache';

const EMPTY_PAGE: CasePage = { cases: [], cursors: [], hasNextPage: false, endCursor: null };
const CASE_STATUS = 'case-status';

/**
 * Reads cases from the appeal-status read model, filtered by what the viewer may see today. The `visible…` methods
 * hand case data to the caller and record the read in the audit trail first; `authorised…` only decide access
 * (for mutations, which record the read of what they return).
 */
@Injectable()
export class CaseReader {
  private readonly logger = new Logger('CaseReader');
  /** Parsed documents between requests, where this process's runner is the read model's only writer. */
  private readonly cache: CaseViewCache | null;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
    private readonly audit: AccessAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // With PostgreSQL another replica may be the one projecting; each request reads the database then.
    const cache =
      config.store === 'sqlite' || config.store === 'memory' ? new CaseViewCache() : null;
    this.cache = cache;
    // Registered here, before the subscriptions' listener (which re-reads the cases a batch changed).
    if (cache) {
      projections.runner.onCommitted((projection, events) => {
        if (projection === CASE_STATUS) cache.invalidate(events.map((e) => e.streamId));
      });
    }
  }

  /**
   * The case's document, from memory when nothing changed it since it was last read. `keep`: remember it for the
   * next request (not for a mutation's own check: its write is about to replace the document).
   */
  private async findCase(caseId: string, keep: boolean): Promise<CaseView | null> {
    const cache = this.cache;
    if (!cache) return findCase(this.db, caseId);
    const known = cache.get(caseId);
    if (known) return known;
    const mark = cache.mark();
    const view = await findCase(this.db, caseId);
    return view && keep ? cache.put(view, mark) : view;
  }

  private async findCaseOfAppeal(appealId: string, keep: boolean): Promise<CaseView | null> {
    const cache = this.cache;
    if (!cache) return findCaseOfAppeal(this.db, appealId);
    const known = cache.getByAppeal(appealId);
    if (known?.appeals.some((a) => a.appealId === appealId)) return known;
    const mark = cache.mark();
    const view = await findCaseOfAppeal(this.db, appealId);
    return view && keep ? cache.put(view, mark) : view;
  }

  private seen(viewer: Viewer, view: CaseView | null): CaseView | null {
    return view && canSeeCase(viewer, view, this.clock.today()) ? view : null;
  }

  /** The case if the viewer may see and act on it today; not audited (nothing is returned yet). */
  async authorisedCase(viewer: Viewer, caseId: string): Promise<CaseView | null> {
    return this.seen(viewer, await this.findCase(caseId, false));
  }

  async authorisedCaseOfAppeal(viewer: Viewer, appealId: string): Promise<CaseView | null> {
    return this.seen(viewer, await this.findCaseOfAppeal(appealId, false));
  }

  /** How the viewer stands to the case today (OWNER, GRANTEE), or null. */
  async relationTo(viewer: Viewer, caseId: string): Promise<CaseRelation | null> {
    const view = await this.findCase(caseId, true);
    return view ? relationTo(viewer, view, this.clock.today()) : null;
  }

  /** A case to return to the viewer: null when it does not exist or they may not see it; audited. */
  async visibleCase(viewer: Viewer, caseId: string): Promise<CaseView | null> {
    return this.audited(viewer, this.seen(viewer, await this.findCase(caseId, true)));
  }

  async visibleCaseOfAppeal(viewer: Viewer, appealId: string): Promise<CaseView | null> {
    return this.audited(viewer, this.seen(viewer, await this.findCaseOfAppeal(appealId, true)));
  }

  /**
   * The viewer's cases, newest first: a family's own, an advocate's organisation's granted ones (still in force
   * today), nothing for other roles. Each case on the page is an audited read.
   */
  async visibleCases(
    viewer: Viewer,
    first: number,
    after: { openedOn: string; caseId: string } | null,
  ): Promise<CasePage> {
    let page: CasePage;
    if (viewer.role === 'FAMILY') page = await listCasesOfOwner(this.db, viewer.id, first, after);
    else if (viewer.role === 'ADVOCATE' && viewer.organisation) {
      const today = this.clock.today();
      page = await listCasesGrantedTo(this.db, viewer.organisation, today, first, after);
      // The query already filters; the rule is checked again on each document (one definition of access).
      const allowed = page.cases.map((view) => canSeeCase(viewer, view, today));
      if (allowed.some((ok) => !ok)) {
        page = {
          ...page,
          cases: page.cases.filter((_, i) => allowed[i]),
          cursors: page.cursors.filter((_, i) => allowed[i]),
        };
      }
    } else page = EMPTY_PAGE;
    await this.audit.recordReads(
      viewer,
      page.cases.map((view) => view.caseId),
    );
    return page;
  }

  /** Records that the viewer is being given this case's data (a mutation's result). */
  async audited(viewer: Viewer, view: CaseView | null): Promise<CaseView | null> {
    if (view) await this.audit.recordReads(viewer, [view.caseId]);
    return view;
  }

  /**
   * The case as it stands after a write: waits (briefly) for the read model so the next query sees the change too;
   * if the projection lags, answers from the events just written rather than from a stale document. The document
   * read is kept for the next request on the case (often the next mutation's access check).
   */
  async afterWrite(caseId: string, result: HandleCommandResult<unknown>): Promise<CaseView> {
    const version = result.nextExpectedVersion;
    const current = async () => {
      const view = await this.findCase(caseId, true);
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
