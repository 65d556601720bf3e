import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthService, SIGNING_KEYS } from './auth.service';
import { AuthenticatedGuard } from './authenticated.guard';
import { MeResolver } from './me.resolver';
import { loadOrCreateSigningKeys } from './signing-key';

@Global()
@Module({
  providers: [
    {
      provide: SIGNING_KEYS,
      inject: [APP_CONFIG],
      // With an external issuer the service signs nothing, so no key is generated or read.
      useFactory: (config: AppConfig) =>
        config.auth.mode === 'oidc'
          ? null
          : loadOrCreateSigningKeys({
              inline: config.auth.signingKey,
              file: config.auth.signingKeyFile,
            }),
    },
    AuthService,
    MeResolver,
    { provide: APP_GUARD, useClass: AuthenticatedGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
