import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ProjectionService } from '../persistence/projection.service';
import { describeError } from '../ops/logging/safe-error';
import { PUBSUB, type PubSub } from './pubsub';

const CASE_STREAM = /^case-(.+)$/;
/** The read model whose commits are announced. */
export const CASE_STATUS_PROJECTION = 'case-status';

/**
 * Announces every committed change to a case's read-model document, and lets subscriptions watch cases.
 *
 * Publishing happens on the replica whose runner committed the batch (exactly one), after the commit, with case ids
 * only. Every replica, the publisher included, hears it through the same pub/sub and wakes the watchers of that
 * case, which re-read the document and check access themselves.
 */
@Injectable()
export class CaseUpdates implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('CaseUpdates');
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly projections: ProjectionService,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  onModuleInit(): void {
    this.disposers.push(
      this.projections.runner.onCommitted((projection, events) => {
        if (projection !== CASE_STATUS_PROJECTION) return;
        const caseIds = [
          ...new Set(
            events.map((e) => CASE_STREAM.exec(e.streamId)?.[1]).filter((id) => id !== undefined),
          ),
        ];
        this.pubsub
          .publish('case_updated', caseIds)
          .catch((error: unknown) =>
            this.logger.warn(`Could not announce case updates (${describeError(error)}).`),
          );
      }),
      this.pubsub.subscribe('case_updated', (caseId) => {
        for (const wake of [...(this.watchers.get(caseId) ?? [])]) wake();
      }),
      // Notifications may have been missed: every watcher re-reads (and sends only what changed).
      this.pubsub.onResync(() => {
        for (const set of [...this.watchers.values()]) for (const wake of [...set]) wake();
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Calls `wake` whenever the case's document may have changed; returns the function that stops watching. */
  watch(caseId: string, wake: () => void): () => void {
    let set = this.watchers.get(caseId);
    if (!set) this.watchers.set(caseId, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.watchers.get(caseId) === set) this.watchers.delete(caseId);
    };
  }

  /** Open watches (tests and diagnostics). */
  get watching(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }
}
