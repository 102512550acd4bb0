import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * dist/dashboard of the project: the first folder above this file that holds package.json
 * (dist/src/dashboard in a build, src/dashboard under ts-node), or the working directory
 * under Jest, whose ESM has no __dirname and runs from the project root.
 */
export function dashboardFolder(): string {
  let folder = typeof __dirname === 'string' ? __dirname : process.cwd();
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return join(process.cwd(), 'dist', 'dashboard');
    folder = parent;
  }
  return join(folder, 'dist', 'dashboard');
}

/** The server's own paths: never answered with the dashboard's page. */
const SERVER_PATHS = /^\/(api|docs|health|metrics|admin\/queues)\b/;

/**
 * The dashboard's page for every other path a browser navigates to (its router draws the
 * view), so a reload or a bookmark of `/bots/…` works. Only requests that ask for HTML get
 * it: an API client's `GET /nope` keeps the JSON 404.
 */
export function dashboardPage(indexHtml: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !SERVER_PATHS.test(request.path) &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return next();
    // The page names its hashed assets: a stale copy would load the previous build's.
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml, (error?: Error) => error && next(error));
  };
}

/** Vite names assets by their content hash: a browser may keep them for good. */
export function setAssetHeaders(response: Response, path: string): void {
  const immutable = /[\\/]assets[\\/][^\\/]+$/.test(path);
  response.setHeader(
    'Cache-Control',
    immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}
