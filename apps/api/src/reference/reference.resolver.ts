import { Query, Resolver } from '@nestjs/graphql';
import { LocalAuthority } from './local-authority.graphql';
import { LocalAuthoritiesService } from './local-authorities.service';

@Resolver(() => LocalAuthority)
export class ReferenceResolver {
  constructor(private readonly register: LocalAuthoritiesService) {}

  @Query(() => [LocalAuthority], { description: 'Every local authority, by name.' })
  localAuthorities(): LocalAuthority[] {
    return this.register.all();
  }
}
