import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { StatisticsExportController } from './statistics-export.controller';
import { StatisticsResolver } from './statistics.resolver';
import { StatisticsService } from './statistics.service';
import { StatisticsVisibility } from './statistics-visibility';

/**
 * Appeal outcome statistics, order compliance and breach patterns: GraphQL and CSV export over the same service
 * (same filters, same disclosure control, same token check).
 */
@Module({
  imports: [ReferenceModule],
  controllers: [StatisticsExportController],
  providers: [StatisticsService, StatisticsVisibility, StatisticsResolver],
})
export class StatisticsModule {}
