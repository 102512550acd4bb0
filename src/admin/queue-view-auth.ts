import type { NextFunction, Request, Response } from 'express';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { AuthService } from '../auth/auth.service';
import { bearerToken } from '../auth/jwt-auth.guard';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { UserRole } from '../users/entities/user.entity';

/** Bull Board's mount point: outside /api, whose routes Nest owns. */
export const QUEUE_VIEW_PATH = '/admin/queues';

/**
 * Holds an admin's token for the queue view: a browser opening /admin/queues sends no
 * Authorization header. HttpOnly, so no script reads it; SameSite=Strict and scoped to the
 * view's path, so no other site's page and no other route of ours receives it.
 */
export const QUEUE_VIEW_COOKIE = 'tradebot_queue_view';

/**
 * Admins only, by the Authorization header or the queue view's cookie; refusals in the
 * app's error shape (the view is mounted on Express, outside Nest's filters).
 */
export function queueViewAuth(auth: AuthService) {
  const filter = new AllExceptionsFilter();
  return (request: Request, response: Response, next: NextFunction): void => {
    void admit(auth, request).then(
      () => next(),
      (error: unknown) => filter.reply(error, request, response),
    );
  };
}

async function admit(auth: AuthService, request: Request): Promise<void> {
  const token = bearerToken(request.headers.authorization) ?? cookieValue(request);
  if (!token) {
    throw new UnauthorizedException('a Bearer token or a queue view session is required');
  }
  const user = await auth.authenticate(token);
  if (user.role !== UserRole.Admin) throw new ForbiddenException('only admins may do this');
}

function cookieValue(request: Request): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === QUEUE_VIEW_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
