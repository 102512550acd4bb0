import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppMetrics } from '../../metrics/app-metrics';
import { OrderStatus } from '../../kernel/bot.enums';
import { BotState } from '../../database/entities/bot-state.entity';
import { Order } from '../../database/entities/order.entity';

/**
 * The bots and their orders as the database holds them, read when scraped: every process
 * reports the same numbers (sum one of them, not all).
 */
@Injectable()
export class EngineGauges implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: AppMetrics,
  ) {}

  onModuleInit(): void {
    this.metrics.sampledGauge('bots', 'Bots by status and mode', ['status', 'mode'], () =>
      this.botsByStatus(),
    );
    this.metrics.sampledGauge(
      'order_unresolved',
      'Orders sent or about to be, whose outcome is not recorded yet',
      [],
      async () => [{ labels: {}, value: await this.unresolvedOrders() }],
    );
  }

  private async botsByStatus() {
    const rows: { status: string; mode: string; count: string }[] = await this.dataSource
      .getRepository(BotState)
      .createQueryBuilder('state')
      .innerJoin('state.bot', 'bot')
      .select('state.status', 'status')
      .addSelect('bot.mode', 'mode')
      .addSelect('COUNT(*)', 'count')
      .groupBy('state.status')
      .addGroupBy('bot.mode')
      .getRawMany();
    return rows.map(({ status, mode, count }) => ({
      labels: { status, mode },
      value: Number(count),
    }));
  }

  private unresolvedOrders(): Promise<number> {
    return this.dataSource.getRepository(Order).countBy({ status: OrderStatus.Sending });
  }
}
