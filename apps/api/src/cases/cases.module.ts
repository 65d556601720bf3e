import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReferenceModule } from '../reference/reference.module';
import { AppealLifecycleResolver } from './appeal-lifecycle.resolver';
import { AppealsResolver } from './appeals.resolver';
import { CaseCommands } from './case-commands.service';
import { CaseMapper } from './case.mapper';
import { CaseReader } from './case-reader.service';
import { CasesResolver } from './cases.resolver';
import { DecideCaseHandler } from './decide-case.handler';

@Module({
  imports: [CqrsModule, ReferenceModule],
  providers: [
    DecideCaseHandler,
    CaseReader,
    CaseCommands,
    CaseMapper,
    CasesResolver,
    AppealsResolver,
    AppealLifecycleResolver,
  ],
  exports: [CaseReader, CaseCommands, CaseMapper],
})
export class CasesModule {}
