import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BotStateRepository } from '../../database/repositories/bot-state.repository';
import { OrderRepository } from '../../database/repositories/order.repository';
import { AppMetrics } from '../../metrics/app-metrics';

/**
 * The bots and their orders as the database holds them, read when scraped: every process
 * reports the same numbers (sum one of them, not all).
 */
@Injectable()
export class EngineGauges implements OnModuleInit {
  constructor(
    private readonly states: BotStateRepository,
    private readonly orders: OrderRepository,
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
    const rows = await this.states.countByStatusAndMode();
    return rows.map(({ status, mode, count }) => ({ labels: { status, mode }, value: count }));
  }

  private unresolvedOrders(): Promise<number> {
    return this.orders.countSending();
  }
}
