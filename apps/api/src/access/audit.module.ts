import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessAuditService } from './access-audit.service';
import { AccessScopeInterceptor } from './access-scope.interceptor';

/** The read audit, available to every feature module that reads case data. */
@Global()
@Module({
  providers: [AccessAuditService, { provide: APP_INTERCEPTOR, useClass: AccessScopeInterceptor }],
  exports: [AccessAuditService],
})
export class AuditModule {}
