import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../kernel/authenticated-user';

export const IS_PUBLIC = 'auth:isPublic';
export const ADMIN_ONLY = 'auth:adminOnly';

/**
 * Opts a route out of the global JWT guard (health, login, docs). The OpenAPI document says so too:
 * an empty security requirement is OpenAPI's "no credentials needed".
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Restricts a route to admins; others get 403. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    (context.switchToHttp().getRequest<Request>() as Request & { user: AuthenticatedUser }).user,
);
