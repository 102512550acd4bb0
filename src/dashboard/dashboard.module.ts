import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { dashboardFolder, dashboardPage, setAssetHeaders } from './dashboard-assets';

/**
 * Serves the admin dashboard (dashboard/, built by Vite into dist/dashboard) at `/`.
 * Registered in onModuleInit, when Nest has added its routes and not yet its 404 handlers:
 * every API route and /docs come first, the dashboard's files and page after them.
 */
@Module({})
export class DashboardModule implements OnModuleInit {
  private readonly logger = new Logger(DashboardModule.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // A worker process (worker.ts) has no HTTP server.
    const adapter = this.adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (!adapter) return;
    const folder = dashboardFolder();
    const indexHtml = join(folder, 'index.html');
    if (!existsSync(indexHtml)) {
      this.logger.log(`no dashboard at ${folder} (npm run build makes it): GET / answers 404`);
      return;
    }
    adapter.useStaticAssets(folder, {
      index: false,
      redirect: false,
      setHeaders: setAssetHeaders,
    });
    adapter.use(dashboardPage(indexHtml));
  }
}
