import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferenceModule } from '../reference/reference.module';
import { ProcessResolver } from './process.resolver';

@Module({ imports: [CasesModule, ReferenceModule], providers: [ProcessResolver] })
export class ProcessModule {}
