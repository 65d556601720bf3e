import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { CaseCommands } from '../cases/case-commands.service';
import { CaseMapper } from '../cases/case.mapper';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import { Breach } from './breach.graphql';
import { ReportBreachInput } from './breach.inputs';

@Resolver(() => Breach)
export class BreachesResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly mapper: CaseMapper,
    private readonly localAuthorities: LocalAuthoritiesService,
  ) {}

  @Mutation(() => Breach, {
    description: 'Put a breach of a statutory duty on record for this case.',
  })
  async reportBreach(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: ReportBreachInput,
  ): Promise<Breach> {
    let breachId = '';
    const { dutyHolder } = input;
    this.localAuthorities.requireKnown(
      dutyHolder.localAuthorityCode,
      'dutyHolder.localAuthorityCode',
    );
    const view = await this.commands.onCase(
      viewer,
      input.caseId,
      input.clientMutationId,
      (newId) => {
        breachId = newId('breach');
        return {
          type: 'ReportBreach',
          data: {
            breachId,
            breachType: input.breachType,
            dutyHolder: {
              kind: dutyHolder.kind,
              localAuthorityCode: dutyHolder.localAuthorityCode ?? null,
              name: dutyHolder.name ?? null,
              urn: dutyHolder.urn ?? null,
            },
            legalBasis: input.legalBasis,
            guidanceReference: input.guidanceReference ?? null,
            occurredOn: input.occurredOn,
            evidenceRefs: input.evidenceRefs ?? [],
            notes: input.notes ?? null,
          },
        };
      },
    );
    return this.mapper.breach(view, breachId);
  }
}
