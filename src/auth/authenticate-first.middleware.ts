import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from './auth.service';
import { authenticateRequest } from './jwt-auth.guard';

/**
 * The guard's check, done before the body is read, for routes that take large bodies:
 * a caller without a valid token is refused before the server buffers a byte of it.
 * The guard still runs afterwards, as on every route.
 */
export function authenticateFirst(auth: AuthService): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    authenticateRequest(auth, req).then(() => next(), next);
  };
}
