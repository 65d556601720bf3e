import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReferenceModule } from '../reference/reference.module';
import { AppealsResolver } from './appeals.resolver';
import { CaseReader } from './case-reader.service';
import { CasesResolver } from './cases.resolver';
import { DecideCaseHandler } from './decide-case.handler';

@Module({
  imports: [CqrsModule, ReferenceModule],
  providers: [DecideCaseHandler, CaseReader, CasesResolver, AppealsResolver],
})
export class CasesModule {}
