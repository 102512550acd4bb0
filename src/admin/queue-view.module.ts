import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter as BullBoardExpress } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { Queue } from 'bull';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { QueueName } from '../queue/queue.constants';
import { QUEUE_VIEW_PATH, queueViewAuth } from './queue-view-auth';

/**
 * Bull Board at /admin/queues, for admins: the queues' jobs, their data and errors, and
 * retrying or removing them. Mounted on Express by hand: @bull-board/nestjs is CommonJS that
 * requires Nest 12's ESM-only packages, which Jest on Node 20 cannot load, and its
 * middleware would share a path with GET /api/admin/queues under the global prefix.
 */
@Module({ imports: [AuthModule] })
export class QueueViewModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    // A worker process (worker.ts) has no HTTP server.
    const http = this.adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (!http) return;
    const board = new BullBoardExpress().setBasePath(QUEUE_VIEW_PATH);
    createBullBoard({
      // The engine's and the notifications' own Queue objects, registered in their modules.
      queues: [QueueName.BotJobs, QueueName.Notifications].map(
        (name) =>
          new BullAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'tradebot' } },
    });
    http.use(QUEUE_VIEW_PATH, queueViewAuth(this.auth), board.getRouter());
  }
}
