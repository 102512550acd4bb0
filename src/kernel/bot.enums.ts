export enum BotMode {
  Paper = 'paper',
  Live = 'live',
}

export enum BotStatus {
  Stopped = 'stopped',
  Pending = 'pending',
  Running = 'running',
  Paused = 'paused',
  Error = 'error',
}

export enum OrderSide {
  Buy = 'BUY',
  Sell = 'SELL',
}

export enum ExitReason {
  Signal = 'signal',
  StopLoss = 'stop_loss',
  TakeProfit = 'take_profit',
  TrailingStop = 'trailing_stop',
  Manual = 'manual',
}

/** Lifecycle of an order intent (the outbox row committed before the order is sent). */
export enum OrderStatus {
  Sending = 'SENDING',
  Filled = 'FILLED',
  Rejected = 'REJECTED',
  Expired = 'EXPIRED',
}

/** Statuses in which a bot ticks: paused bots still take exits. */
export const TICKING_STATUSES = [BotStatus.Pending, BotStatus.Running, BotStatus.Paused];
