import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseProbe } from '../database/database-probe';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MarketDataStatus } from './market-data-status';

/** Global, so the exchange's market data service can say when the exchange went away. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [HealthController],
  providers: [HealthService, DatabaseProbe, MarketDataStatus],
  exports: [HealthService, MarketDataStatus],
})
export class HealthModule {}
