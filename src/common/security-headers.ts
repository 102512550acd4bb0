import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's defaults: a CSP of 'self' that the Swagger UI at /docs works under (its scripts
 * are files; its inline styles are allowed), and so does the dashboard at / (Vite builds it
 * into script and style files, no inline script); nosniff, frame-ancestors 'self', no
 * referrer.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // The app speaks plain HTTP (TLS, if any, ends at a proxy): on any host but
        // localhost, upgrading the docs' own assets to https would break the page.
        upgradeInsecureRequests: null,
      },
    },
  });
}
