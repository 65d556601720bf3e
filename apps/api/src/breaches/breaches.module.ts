import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { BreachesResolver } from './breaches.resolver';

@Module({ imports: [CasesModule], providers: [BreachesResolver] })
export class BreachesModule {}
