import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter as BullBoardExpress } from '@bull-board/express';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { BotEngineModule } from '../bots/engine/bot-engine.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { BullJobQueue } from '../queue/bull-job-queue';
import type { JobQueueDriver } from '../queue/job-queue';
import { QueueName } from '../queue/queue.constants';
import { jobQueueToken } from '../queue/queue.module';
import { QUEUE_VIEW_PATH, queueViewAuth } from '../auth/queue-view-auth';

/**
 * Bull Board at /admin/queues, for admins: the queues' jobs, their data and errors, and
 * retrying or removing them. Mounted on Express by hand: @bull-board/nestjs is CommonJS that
 * requires Nest 12's ESM-only packages, which Jest on Node 20 cannot load, and its
 * middleware would share a path with GET /api/admin/queues under the global prefix.
 */
@Module({ imports: [AuthModule, BotEngineModule, NotificationsModule] })
export class QueueViewModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    @Inject(jobQueueToken(QueueName.BotJobs)) private readonly jobs: JobQueueDriver,
    @Inject(jobQueueToken(QueueName.Notifications)) private readonly notifications: JobQueueDriver,
  ) {}

  onModuleInit(): void {
    // A worker process (worker.ts) has no HTTP server.
    const http = this.adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (!http) return;
    const board = new BullBoardExpress().setBasePath(QUEUE_VIEW_PATH);
    createBullBoard({
      // The engine's and the notifications' own Bull queues (this module is imported with Bull only).
      queues: [this.jobs, this.notifications]
        .filter((queue) => queue instanceof BullJobQueue)
        .map((queue) => new BullAdapter(queue.queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'tradebot' } },
    });
    http.use(QUEUE_VIEW_PATH, queueViewAuth(this.auth), board.getRouter());
  }
}
