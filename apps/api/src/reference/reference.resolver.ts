import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LocalAuthority } from './local-authority.graphql';
import { LocalAuthoritiesService } from './local-authorities.service';
import { OfficialAppealRate } from './official-appeal-rate.graphql';
import { OfficialAppealRatesService } from './official-appeal-rates.service';

/** Reference data: readable by every signed-in role (the global guard requires a token). */
@Resolver(() => LocalAuthority)
export class ReferenceResolver {
  constructor(
    private readonly register: LocalAuthoritiesService,
    private readonly officialRates: OfficialAppealRatesService,
  ) {}

  @Query(() => [LocalAuthority], {
    description:
      'The local authorities, by name: the 153 current ones, and with includePredecessors also the abolished ' +
      'authorities that appear in historic DfE series.',
  })
  localAuthorities(
    @Args('includePredecessors', { type: () => Boolean, nullable: true, defaultValue: false })
    includePredecessors: boolean | null,
  ): LocalAuthority[] {
    return this.register.all({ includePredecessors: includePredecessors === true });
  }

  @Query(() => [OfficialAppealRate], {
    description:
      'The official DfE per-LA series of SEND Tribunal appeals registered and appeal rates, calendar years ' +
      '2014–2024, oldest first, exactly as published. localAuthorityCode: a 3-digit DfE code (current or ' +
      'predecessor authority) or ENG for England. NOT_FOUND for an unknown code.',
  })
  officialAppealRates(
    @Args('localAuthorityCode', { type: () => String }) localAuthorityCode: string,
  ): Promise<OfficialAppealRate[]> {
    return this.officialRates.series(localAuthorityCode);
  }

  @ResolveField('officialAppealRates', () => [OfficialAppealRate], {
    description:
      'The official DfE appeals / appeal-rate series of this authority (see Query.officialAppealRates).',
  })
  officialAppealRatesOf(@Parent() authority: LocalAuthority): Promise<OfficialAppealRate[]> {
    return this.officialRates.series(authority.code);
  }
}
