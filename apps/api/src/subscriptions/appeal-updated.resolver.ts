import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { Appeal } from '../cases/appeal.graphql';
import { CaseMapper } from '../cases/case.mapper';
import { CaseReader } from '../cases/case-reader.service';
import { notFound } from '../graphql/errors';
import { Metrics } from '../ops/metrics/metrics';
import { AppealUpdateStream, type AppealUpdate } from './appeal-update-stream';
import { CaseUpdates } from './case-updates.service';

@Resolver(() => Appeal)
export class AppealUpdatedResolver {
  constructor(
    private readonly reader: CaseReader,
    private readonly mapper: CaseMapper,
    private readonly updates: CaseUpdates,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Access is checked when subscribing (an appeal the viewer may not see is NOT_FOUND, as for the `appeal` query)
   * and again before every delivery, through the same `CaseReader` rules as every query: a family that revokes an
   * advocate's access ends that advocate's subscription.
   */
  @Subscription(() => Appeal, {
    name: 'appealUpdated',
    description:
      'The appeal each time it changes (after the read model has the change). Over graphql-ws on /graphql, with ' +
      '{"authorization": "Bearer <token>"} as connection parameters. Ends with NOT_FOUND if your access ends.',
    // Nest binds `resolve` to the resolver instance.
    resolve(this: AppealUpdatedResolver, update: AppealUpdate, args: { id: string }): Appeal {
      if (update.kind === 'access-ended') throw notFound('The appeal');
      return this.mapper.appeal(update.view, args.id);
    },
  })
  async appealUpdated(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AsyncIterableIterator<AppealUpdate>> {
    // Nothing is returned yet, so only the decision (not an audited read); each delivery below is audited.
    const view = await this.reader.authorisedCaseOfAppeal(viewer, id);
    if (!view) throw notFound('The appeal');
    const gauge = this.metrics.subscriptionsActive.labels({ subscription: 'appealUpdated' });
    gauge.inc();
    let unwatch = (): void => undefined;
    const stream = new AppealUpdateStream(
      () => this.reader.visibleCaseOfAppeal(viewer, id),
      view.version,
      () => {
        unwatch();
        gauge.dec();
      },
    );
    unwatch = this.updates.watch(view.caseId, () => stream.wake());
    return stream;
  }
}
