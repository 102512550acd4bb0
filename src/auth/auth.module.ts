import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { SharedRedisModule } from '../redis/shared-redis';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordsController } from './passwords.controller';
import { loginAttemptStoreProvider } from './login-throttle/login-attempt-store.provider';
import { LoginThrottle } from './login-throttle/login-throttle.service';
import { tokenLifetimeSeconds } from './token-lifetime';

@Module({
  imports: [
    UsersModule,
    SharedRedisModule,
    RepositoriesModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // resolveRuntimeConfig always fills it; a missing secret must not mean unsigned tokens.
        if (!config.jwtSecret) throw new Error('JWT secret is not configured');
        return {
          secret: config.jwtSecret,
          signOptions: { algorithm: 'HS256', expiresIn: tokenLifetimeSeconds(config.jwtExpiresIn) },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController, PasswordsController],
  providers: [
    AuthService,
    LoginThrottle,
    loginAttemptStoreProvider,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
