import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessResolver } from './access.resolver';

/** Consent grants and the family's view of who read its case. */
@Module({ imports: [CasesModule], providers: [AccessResolver] })
export class AccessModule {}
