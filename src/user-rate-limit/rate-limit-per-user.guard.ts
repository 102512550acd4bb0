import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { type LimitedAction, UserRateLimiter } from './user-rate-limiter.service';

const LIMITED_ACTION = 'user-rate-limit:action';

/** Counts each request to the route against its user's limit for `action` (after the JWT guard). */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: UserRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<LimitedAction>(LIMITED_ACTION, context.getHandler());
    const { user } = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    await this.limiter.take(user.id, action);
    return true;
  }
}

/**
 * A route limited per user: past the action's limit a minute, 429 with Retry-After.
 * `description` documents the 429 (every reason the route has for one).
 */
export function RateLimitPerUser(action: LimitedAction, description: string) {
  return applyDecorators(
    SetMetadata(LIMITED_ACTION, action),
    UseGuards(UserRateLimitGuard),
    ApiTooManyRequestsResponse({
      type: ApiErrorDto,
      description,
      headers: {
        'Retry-After': {
          description: 'Seconds to wait',
          schema: { type: 'integer' },
        },
      },
    }),
  );
}
