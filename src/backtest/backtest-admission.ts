import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/auth.service';
import { authenticateRequest } from '../auth/jwt-auth.guard';
import type { BacktestPlace, BacktestPool } from './pool/backtest-pool.service';

const places = new WeakMap<IncomingMessage, BacktestPlace>();

/**
 * Runs before a byte of a backtest body is read: the caller is authenticated and given a
 * place in the pool and in their share, or refused (401, 429) without the server buffering
 * the body. The place is given back when the response ends, however it ends.
 */
export function admitBacktestFirst(auth: AuthService, pool: BacktestPool): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    authenticateRequest(auth, req)
      .then((user) => {
        const place = pool.reserve(user.id);
        places.set(req, place);
        res.once('close', () => place.leave());
      })
      .then(() => next(), next);
  };
}

/** The place admitBacktestFirst gave the request. */
export const AdmittedPlace = createParamDecorator(
  (_data: unknown, context: ExecutionContext): BacktestPlace => {
    const place = places.get(context.switchToHttp().getRequest<Request>());
    if (!place) throw new Error('a backtest reached its route without admitBacktestFirst');
    return place;
  },
);
