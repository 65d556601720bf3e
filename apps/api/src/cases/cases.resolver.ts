import { randomUUID } from 'node:crypto';
import { deterministicId } from '@app/event-store';
import { decodeCaseCursor } from '@app/projections';
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { apiError } from '../graphql/errors';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import { assertMayOpenCase } from './case-access';
import { Case, CaseConnection } from './case.graphql';
import { OpenCaseInput } from './case.inputs';
import { CaseMapper } from './case.mapper';
import { CaseReader } from './case-reader.service';
import { DecideCase } from './decide-case.handler';

const MAX_PAGE = 100;

@Resolver(() => Case)
export class CasesResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: CaseReader,
    private readonly localAuthorities: LocalAuthoritiesService,
    private readonly mapper: CaseMapper,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => Case, {
    nullable: true,
    description: 'A case you may see; null if it does not exist or you may not.',
  })
  async case(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Case | null> {
    const view = await this.reader.visibleCase(viewer, id);
    return view ? this.mapper.case(view) : null;
  }

  @Query(() => CaseConnection, {
    description:
      'The cases you may see, newest first: a family its own, an advocate those shared with its organisation (while the grant lasts); nobody else any.',
  })
  async cases(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<CaseConnection> {
    if (first < 1 || first > MAX_PAGE) {
      throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`, {
        field: 'first',
      });
    }
    const cursor = after ? decodeCaseCursor(after) : null;
    if (after && cursor === null) {
      throw apiError('BAD_USER_INPUT', 'after is not a cursor returned by this API.', {
        field: 'after',
      });
    }
    const page = await this.reader.visibleCases(viewer, first, cursor);
    const edges = page.cases.map((view) => ({
      cursor: '',
      node: this.mapper.case(view),
    }));
    return {
      edges: withCursors(edges, page.cursors),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Mutation(() => Case, {
    description: 'Open a case for your child with the local authority responsible.',
  })
  async openCase(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: OpenCaseInput,
  ): Promise<Case> {
    assertMayOpenCase(viewer);
    if (!this.localAuthorities.find(input.localAuthorityCode)) {
      throw apiError(
        'BAD_USER_INPUT',
        `There is no local authority with DfE code ${input.localAuthorityCode}.`,
        {
          field: 'localAuthorityCode',
        },
      );
    }
    const key = input.clientMutationId;
    // A retried openCase must land on the same case, so its id comes from the idempotency key when there is one.
    const caseId = key ? deterministicId('case', viewer.id, key) : randomUUID();
    const result = await this.commandBus.execute(
      new DecideCase(
        caseId,
        {
          type: 'OpenCase',
          data: {
            caseId,
            localAuthorityCode: input.localAuthorityCode,
            childLabel: input.childLabel,
          },
          metadata: { actor: viewer.id, today: this.clock.today() },
        },
        { actor: viewer.id, now: this.clock.now(), idempotencyKey: key },
      ),
    );
    const view = await this.reader.afterWrite(caseId, result);
    await this.reader.audited(viewer, view);
    return this.mapper.case(view);
  }
}

const withCursors = <T extends { cursor: string }>(edges: T[], cursors: readonly string[]): T[] =>
  edges.map((edge, i) => ({ ...edge, cursor: cursors[i] ?? '' }));
