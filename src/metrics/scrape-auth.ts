import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { bearerToken } from '../auth/jwt-auth.guard';
import { AppConfig } from '../config/app-config';
import { UserRole } from '../kernel/user-role';

/**
 * Who may read /metrics: a scraper with the METRICS_TOKEN bearer, or an admin's login.
 * No token or a wrong one is a 401; another user's login a 403.
 */
@Injectable()
export class ScrapeAuth {
  private readonly metricsTokenDigest?: Buffer;

  constructor(
    private readonly auth: AuthService,
    config: AppConfig,
  ) {
    if (config.metricsToken) this.metricsTokenDigest = digest(config.metricsToken);
  }

  async authorize(authorization: string | undefined): Promise<void> {
    const token = bearerToken(authorization);
    if (!token) throw new UnauthorizedException('a Bearer token is required');
    // Compared as digests: equal lengths, and no timing that tells how much of it matched.
    if (this.metricsTokenDigest && timingSafeEqual(digest(token), this.metricsTokenDigest)) return;
    const user = await this.auth.authenticate(token);
    if (user.role !== UserRole.Admin) throw new ForbiddenException('only admins may do this');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
