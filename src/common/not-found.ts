import { type INestApplication, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AllExceptionsFilter } from './all-exceptions.filter';

/**
 * Nest answers unknown paths under the global prefix itself; any other (`/`, `/nope`) falls
 * through to Express's HTML page. This answer must come after every route, and Nest adds its
 * routes when it starts: hence once the server listens, before it serves a request.
 */
export function answerUnknownRoutes(app: INestApplication, filter: AllExceptionsFilter): void {
  app.get(HttpAdapterHost).listen$.subscribe(() => {
    app.use((request: Request, response: Response) => {
      const exception = new NotFoundException(`Cannot ${request.method} ${request.path}`);
      filter.reply(exception, request, response);
    });
  });
}
