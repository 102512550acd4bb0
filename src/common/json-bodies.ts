import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidInputError } from '../kernel/errors/validation.error';
import { findJsonShapeProblem } from './json-shape';

/** Every JSON body but a large route's. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * A route whose body may exceed JSON_BODY_LIMIT, and who may send one. Its JSON body is
 * handed on unparsed, as a Buffer: parsing tens of megabytes would hold up the event loop,
 * so the route parses it elsewhere (a worker thread) and checks its shape there
 * (json-shape.ts).
 */
export interface LargeBodyRoute {
  method: 'post' | 'put' | 'patch';
  /** As served, prefix included; matched by Express exactly as the route itself is. */
  path: string;
  limit: string;
  /**
   * Runs before a byte of the body is read, so a caller it refuses (with next(error))
   * cannot make the server buffer and parse the large body.
   */
  admit: RequestHandler;
}

/**
 * JSON bodies for the whole app: large routes first (admit, then their own limit, read
 * raw), everything else parsed within JSON_BODY_LIMIT, and no parsed body reaches
 * validation nested too deep or carrying a reserved key. Over a limit is a 413, and those
 * are 400s.
 */
export function useJsonBodies(app: NestExpressApplication, largeRoutes: LargeBodyRoute[]): void {
  const server: Express = app.getHttpAdapter().getInstance();
  for (const route of largeRoutes) {
    const admitted = new WeakSet<IncomingMessage>();
    // A route on Express's own router, so it matches what Nest's route does (case,
    // trailing slash) and nothing else; the parser below only takes what it let through.
    server[route.method](route.path, route.admit, (req, _res, next) => {
      admitted.add(req);
      next();
    });
    app.useBodyParser('raw', {
      limit: route.limit,
      type: (req) => admitted.has(req) && isJson(req),
    });
  }
  // Skips a body already read above.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(refuseUnsafeJson);
}

function isJson(req: IncomingMessage): boolean {
  return Boolean((req as Request).is('application/json'));
}

function refuseUnsafeJson(req: Request, _res: Response, next: NextFunction): void {
  // A large route's raw bytes: its own to check once parsed.
  if (Buffer.isBuffer(req.body)) return next();
  const problem = findJsonShapeProblem(req.body);
  next(problem ? new InvalidInputError([problem]) : undefined);
}
