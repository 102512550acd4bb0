import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { inLogScope } from './log-context';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    correlationId?: string;
  }
}

/**
 * Reuses a caller's X-Request-Id when it is sane, so one id follows a request across services;
 * every line the request logs, and the jobs it queues, carry it.
 */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  req.correlationId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.correlationId);
  inLogScope({ correlationId: req.correlationId }, next);
}
