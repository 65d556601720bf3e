import { Module } from '@nestjs/common';
import { LocalAuthoritiesService } from './local-authorities.service';
import { ReferenceResolver } from './reference.resolver';

@Module({
  providers: [LocalAuthoritiesService, ReferenceResolver],
  exports: [LocalAuthoritiesService],
})
export class ReferenceModule {}
