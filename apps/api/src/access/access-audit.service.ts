import { CaseReadAuditLog, type CaseReadPage, type ReadModelDb } from '@app/projections';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { READ_MODEL_DB } from '../persistence/persistence.tokens';
import { accessScope } from './access-scope';

/** Why, when the reader did not say (x-access-purpose). */
const DEFAULT_PURPOSE: Record<Viewer['role'], string> = {
  FAMILY: 'family viewing own case',
  ADVOCATE: 'advocacy casework',
  POLICY: 'policy analysis',
  ADMIN: 'service operation',
};

/**
 * The read audit (issue 6 item 4): every read of a case's data records who (user, role, organisation), what (case,
 * operation), when (the service clock) and why (stated purpose or the role's default). Written before the data is
 * returned: a read that cannot be audited fails rather than going unrecorded.
 */
@Injectable()
export class AccessAuditService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log: CaseReadAuditLog;

  constructor(
    @Inject(READ_MODEL_DB) db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.log = new CaseReadAuditLog(db);
  }

  async onModuleInit(): Promise<void> {
    await this.log.init();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.log.flush();
    this.log.close();
  }

  /** Records that `viewer` was given the data of these cases in the current operation. */
  async recordReads(viewer: Viewer, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return;
    const scope = accessScope.getStore();
    const readAt = this.clock.now().toISOString();
    await this.log.append(
      [...new Set(caseIds)].map((caseId) => ({
        caseId,
        readAt,
        readerId: viewer.id,
        readerRole: viewer.role,
        readerOrganisation: viewer.organisation,
        operation: scope?.operation ?? 'unknown',
        purpose: scope?.purpose ?? DEFAULT_PURPOSE[viewer.role],
      })),
    );
  }

  /** The case's trail, newest first. Only for the owner: the caller checks. */
  listForCase(caseId: string, first: number, after: string | null): Promise<CaseReadPage> {
    return this.log.listForCase(caseId, first, after);
  }
}
