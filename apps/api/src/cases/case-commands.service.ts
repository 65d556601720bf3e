import { randomUUID } from 'node:crypto';
import type { CaseCommand } from '@app/domain';
import { deterministicId } from '@app/event-store';
import type { CaseView } from '@app/projections';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../graphql/errors';
import { assertMayRecordCaseEvents } from './case-access';
import { CaseReader } from './case-reader.service';
import { DecideCase } from './decide-case.handler';

/** New ids for what a command creates: derived from the idempotency key when there is one, so retries agree. */
export type IdFactory = (kind: string) => string;

export type CommandBody = {
  [K in CaseCommand['type']]: Omit<Extract<CaseCommand, { type: K }>, 'metadata'>;
}[CaseCommand['type']];

/**
 * The one path every case mutation takes: may this viewer act on the case (its role, then the case: owner or a grant
 * in force today) → build the domain command → decide and append through the CommandBus → the case as it now
 * stands, recorded in the read audit as given to the viewer.
 */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: CaseReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onCase(
    viewer: Viewer,
    caseId: string,
    clientMutationId: string | undefined,
    build: (newId: IdFactory) => CommandBody,
  ): Promise<CaseView> {
    assertMayRecordCaseEvents(viewer);
    const view = await this.reader.authorisedCase(viewer, caseId);
    if (!view) throw notFound('The case');
    return this.run(viewer, view.caseId, clientMutationId, build);
  }

  async onAppeal(
    viewer: Viewer,
    appealId: string,
    clientMutationId: string | undefined,
    build: (newId: IdFactory) => CommandBody,
  ): Promise<CaseView> {
    assertMayRecordCaseEvents(viewer);
    const view = await this.reader.authorisedCaseOfAppeal(viewer, appealId);
    if (!view) throw notFound('The appeal');
    return this.run(viewer, view.caseId, clientMutationId, build);
  }

  async run(
    viewer: Viewer,
    caseId: string,
    clientMutationId: string | undefined,
    build: (newId: IdFactory) => CommandBody,
  ): Promise<CaseView> {
    const counters = new Map<string, number>();
    const newId: IdFactory = (kind) => {
      const n = counters.get(kind) ?? 0;
      counters.set(kind, n + 1);
      return clientMutationId
        ? deterministicId(kind, viewer.id, caseId, clientMutationId, String(n))
        : randomUUID();
    };
    const command = {
      ...build(newId),
      metadata: { actor: viewer.id, today: this.clock.today() },
    } as CaseCommand;
    const result = await this.commandBus.execute(
      new DecideCase(caseId, command, {
        actor: viewer.id,
        now: this.clock.now(),
        idempotencyKey: clientMutationId,
      }),
    );
    const after = await this.reader.afterWrite(caseId, result);
    await this.reader.audited(viewer, after);
    return after;
  }
}
