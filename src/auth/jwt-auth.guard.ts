import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UserRole } from '../kernel/user-role';
import { ADMIN_ONLY, IS_PUBLIC } from '../common/auth.decorators';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from '../kernel/authenticated-user';

/** Global: every route needs a Bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const user = await authenticateRequest(this.auth, request);
    request.user = user;
    if (
      this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) &&
      user.role !== UserRole.Admin
    ) {
      throw new ForbiddenException('only admins may do this');
    }
    return true;
  }
}

/** The caller of a request by its Bearer token; 401 without one or with a bad one. */
export async function authenticateRequest(
  auth: AuthService,
  request: Request,
): Promise<AuthenticatedUser> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw new UnauthorizedException('a Bearer token is required');
  return auth.authenticate(token);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
