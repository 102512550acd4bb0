import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseProbe } from '../database/database-probe';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [AuthModule],
  controllers: [HealthController],
  providers: [HealthService, DatabaseProbe],
  exports: [HealthService],
})
export class HealthModule {}
