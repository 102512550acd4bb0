import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { SharedRedisModule } from '../redis/shared-redis';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RevokedToken } from '../database/entities/revoked-token.entity';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordsController } from './passwords.controller';
import { loginAttemptStoreProvider } from './login-throttle/login-attempt-store.provider';
import { LoginThrottle } from './login-throttle/login-throttle.service';
import { RevokedTokensRepository } from './revoked-tokens.repository';
import { tokenLifetimeSeconds } from './token-lifetime';

@Module({
  imports: [
    UsersModule,
    SharedRedisModule,
    TypeOrmModule.forFeature([RevokedToken]),
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
    RevokedTokensRepository,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
