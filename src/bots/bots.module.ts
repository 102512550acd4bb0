import { Module } from '@nestjs/common';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BotsController } from './bots.controller';
import { BotsService } from './bots.service';
import { OverviewController } from './overview/overview.controller';
import { OverviewService } from './overview/overview.service';

/** The bots REST API; the engine that runs them is BotEngineModule. */
@Module({
  imports: [RepositoriesModule, StrategiesModule, ExchangeModule],
  controllers: [BotsController, OverviewController],
  providers: [BotsService, OverviewService],
})
export class BotsModule {}
