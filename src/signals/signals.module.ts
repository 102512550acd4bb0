import { Module } from '@nestjs/common';
import { BotEngineModule } from '../bots/engine/bot-engine.module';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { JobQueue } from '../queue/job-queue';
import { QueueName } from '../queue/queue.constants';
import { jobQueueToken } from '../queue/queue.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { UserRateLimitModule } from '../user-rate-limit/user-rate-limit.module';
import { SignalPassphraseController } from './signal-passphrase.controller';
import { SignalPassphraseService } from './signal-passphrase.service';
import { SignalThrottle } from './signal-throttle.service';
import { SignalsController } from './signals.controller';
import { SignalsService } from './signals.service';

/** External signals (TradingView alerts): the public route and the bots' passphrases. */
@Module({
  imports: [RepositoriesModule, StrategiesModule, UserRateLimitModule, BotEngineModule],
  controllers: [SignalsController, SignalPassphraseController],
  providers: [
    SignalsService,
    SignalPassphraseService,
    SignalThrottle,
    // Ticks go to the engine's one queue, as start and the scheduler send them.
    { provide: JobQueue, useExisting: jobQueueToken(QueueName.BotJobs) },
  ],
})
export class SignalsModule {}
