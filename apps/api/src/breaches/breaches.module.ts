import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { BreachDetector } from './breach-detector.service';
import { BreachSchedule } from './breach-schedule.service';
import { BreachesResolver } from './breaches.resolver';

@Module({
  imports: [CasesModule],
  providers: [BreachesResolver, BreachDetector, BreachSchedule],
  exports: [BreachDetector],
})
export class BreachesModule {}
