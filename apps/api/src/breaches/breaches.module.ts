import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferenceModule } from '../reference/reference.module';
import { BreachDetector } from './breach-detector.service';
import { BreachSchedule } from './breach-schedule.service';
import { BreachesResolver } from './breaches.resolver';

@Module({
  imports: [CasesModule, ReferenceModule],
  providers: [BreachesResolver, BreachDetector, BreachSchedule],
  exports: [BreachDetector],
})
export class BreachesModule {}
