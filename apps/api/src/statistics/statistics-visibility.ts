import {
  caseIdsOwnedBy,
  decodeCaseCursor,
  listCasesGrantedTo,
  type ReadModelDb,
} from '@app/projections';
import { Inject, Injectable } from '@nestjs/common';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { READ_MODEL_DB } from '../persistence/persistence.tokens';

/** At most this many shared cases count towards an advocate's exact view (pages of the grant list). */
const MAX_SHARED = 10_000;
const PAGE = 500;

/**
 * The cases a caller may see case by case — the only ones statistics ever give exactly (scope VISIBLE_CASES) and
 * the only case ids they ever return. A family: the cases it opened. An advocate: the cases shared with its
 * organisation by a grant in force today (the consent-grant read model). POLICY and ADMIN: none, ever.
 */
@Injectable()
export class StatisticsVisibility {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async visibleCaseIds(viewer: Viewer): Promise<ReadonlySet<string>> {
    switch (viewer.role) {
      case 'FAMILY':
        return new Set(await caseIdsOwnedBy(this.db, viewer.id));
      case 'ADVOCATE':
        return viewer.organisation ? this.sharedWith(viewer.organisation) : new Set();
      default:
        return new Set();
    }
  }

  private async sharedWith(organisation: string): Promise<ReadonlySet<string>> {
    const ids = new Set<string>();
    const today = this.clock.today();
    let after: { openedOn: string; caseId: string } | null = null;
    while (ids.size < MAX_SHARED) {
      const page = await listCasesGrantedTo(this.db, organisation, today, PAGE, after);
      for (const view of page.cases) ids.add(view.caseId);
      after = page.hasNextPage && page.endCursor ? decodeCaseCursor(page.endCursor) : null;
      if (!after) break;
    }
    return ids;
  }
}
