import { Global, Module } from '@nestjs/common';
import { AccessAuditService } from './access-audit.service';

/** The read audit, available to every feature module that reads case data. */
@Global()
@Module({
  providers: [AccessAuditService],
  exports: [AccessAuditService],
})
export class AuditModule {}
