import { grantIsActive } from '@app/domain';
import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { Inject } from '@nestjs/common';
import { assertMayShareCase } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import { Case } from '../cases/case.graphql';
import { CaseMapper } from '../cases/case.mapper';
import { CaseReader } from '../cases/case-reader.service';
import { apiError } from '../graphql/errors';
import { AccessAuditService } from './access-audit.service';
import { AccessGrant, AccessLogConnection } from './access.graphql';
import { GrantAccessInput, RevokeAccessInput } from './access.inputs';

const MAX_PAGE = 100;

/** Consent grants (mutations, as events in the case stream) and what the family can see about access to its case. */
@Resolver(() => Case)
export class AccessResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly reader: CaseReader,
    private readonly mapper: CaseMapper,
    private readonly audit: AccessAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation(() => Case, {
    description:
      'Share your case with an advocacy organisation, until the end of expiresOn or until you revoke it. Sharing again replaces the end date.',
  })
  async grantAccess(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: GrantAccessInput,
  ): Promise<Case> {
    assertMayShareCase(viewer);
    const view = await this.commands.onCase(viewer, input.caseId, input.clientMutationId, () => ({
      type: 'GrantAccess',
      data: { organisation: input.organisation, expiresOn: input.expiresOn ?? null },
    }));
    return this.mapper.case(view);
  }

  @Mutation(() => Case, {
    description: 'Stop sharing your case with an organisation: its advocates lose access at once.',
  })
  async revokeAccess(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RevokeAccessInput,
  ): Promise<Case> {
    assertMayShareCase(viewer);
    const view = await this.commands.onCase(viewer, input.caseId, input.clientMutationId, () => ({
      type: 'RevokeAccess',
      data: { organisation: input.organisation },
    }));
    return this.mapper.case(view);
  }

  @ResolveField(() => [AccessGrant], {
    description:
      'Who the case is shared with. The family sees every grant; an advocate only its own organisation’s.',
  })
  async grants(@CurrentViewer() viewer: Viewer, @Parent() parent: Case): Promise<AccessGrant[]> {
    const view = await this.reader.authorisedCase(viewer, parent.id);
    if (!view) return [];
    const today = this.clock.today();
    return (view.grants ?? [])
      .filter((g) => viewer.role === 'FAMILY' || g.organisation === viewer.organisation)
      .map((g) => ({
        organisation: g.organisation,
        grantedOn: g.grantedOn,
        expiresOn: g.expiresOn,
        active: grantIsActive(g, today),
      }));
  }

  @ResolveField(() => AccessLogConnection, {
    nullable: true,
    description:
      'Who read this case, newest first (who, what, when, why). Only the family who owns the case sees it; null for anyone else.',
  })
  async accessLog(
    @CurrentViewer() viewer: Viewer,
    @Parent() parent: Case,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AccessLogConnection | null> {
    if (first < 1 || first > MAX_PAGE) {
      throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}.`, {
        field: 'first',
      });
    }
    if (after != null && !/^\d{1,18}$/.test(after)) {
      throw apiError('BAD_USER_INPUT', 'after is not a cursor returned by this API.', {
        field: 'after',
      });
    }
    if ((await this.reader.relationTo(viewer, parent.id)) !== 'OWNER') return null;
    const page = await this.audit.listForCase(parent.id, first, after ?? null);
    const last = page.entries[page.entries.length - 1];
    return {
      edges: page.entries.map(({ caseId: _caseId, ...entry }) => ({
        cursor: entry.id,
        node: { ...entry, readerRole: entry.readerRole as Viewer['role'] },
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last?.id ?? null },
    };
  }
}
