import { Module } from '@nestjs/common';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { StrategiesModule } from '../strategies/strategies.module';
import { BotsController } from './bots.controller';
import { BotsService } from './bots.service';

/** The bots REST API; the engine that runs them is BotEngineModule. */
@Module({
  imports: [RepositoriesModule, StrategiesModule, ExchangeModule],
  controllers: [BotsController],
  providers: [BotsService],
})
export class BotsModule {}
