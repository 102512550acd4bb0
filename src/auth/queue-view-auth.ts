import type { NextFunction, Request, Response } from 'express';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { AuthService } from './auth.service';
import { bearerToken } from './jwt-auth.guard';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import type { AppConfig } from '../config/app-config';
import { UserRole } from '../kernel/user-role';

/** Bull Board's mount point: outside /api, whose routes Nest owns. */
export const QUEUE_VIEW_PATH = '/admin/queues';

/**
 * Holds a queue view token (AuthService.queueViewToken) for the view: a browser opening
 * /admin/queues sends no Authorization header. HttpOnly, so no script reads it;
 * SameSite=Strict and scoped to the view's path, so no other site's page and no other route
 * of ours receives it.
 */
export const QUEUE_VIEW_COOKIE = 'tradebot_queue_view';

/**
 * Secure in production, and whenever the request came over TLS (through a proxy only if
 * TRUST_PROXY names it: Express's request.secure reads X-Forwarded-Proto from it alone).
 */
function cookieOptions(config: AppConfig, request: Request) {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.nodeEnv === 'production' || request.secure,
    path: QUEUE_VIEW_PATH,
  } as const;
}

/** Ends with the browser session; the token in it expires sooner on its own. */
export function setQueueViewCookie(
  config: AppConfig,
  request: Request,
  response: Response,
  token: string,
): void {
  response.cookie(QUEUE_VIEW_COOKIE, token, cookieOptions(config, request));
}

export function clearQueueViewCookie(
  config: AppConfig,
  request: Request,
  response: Response,
): void {
  response.clearCookie(QUEUE_VIEW_COOKIE, cookieOptions(config, request));
}

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
  const header = bearerToken(request.headers.authorization);
  const cookie = header ? undefined : cookieValue(request);
  if (!header && !cookie) {
    throw new UnauthorizedException('a Bearer token or a queue view session is required');
  }
  const user = header ? await auth.authenticate(header) : await auth.authenticateQueueView(cookie!);
  if (user.role !== UserRole.Admin) throw new ForbiddenException('only admins may do this');
}

function cookieValue(request: Request): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === QUEUE_VIEW_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
