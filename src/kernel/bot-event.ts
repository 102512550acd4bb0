/** What the engine tells users about, after the change is committed (never for a rollback). */
export enum BotEventType {
  BotStarted = 'bot.started',
  BotStopped = 'bot.stopped',
  BotPaused = 'bot.paused',
  BotResumed = 'bot.resumed',
  BotError = 'bot.error',
  TradeOpened = 'trade.opened',
  TradeClosed = 'trade.closed',
  OrderRejected = 'order.rejected',
}

export interface BotEventBot {
  id: string;
  name: string;
  symbol: string;
  mode: 'paper' | 'live';
}

/** Payloads by type: stable JSON, decimals as strings. */
export interface BotEventData {
  [BotEventType.BotStarted]: Record<string, never>;
  [BotEventType.BotStopped]: { closePosition: boolean };
  /** `limit`: a daily limit, or a protection's kind with `until`, when entries resume. */
  [BotEventType.BotPaused]: { limit: string; reason: string; until?: string };
  [BotEventType.BotResumed]: { reason: string };
  [BotEventType.BotError]: { reason: string };
  [BotEventType.TradeOpened]: {
    tradeId: string;
    side: 'BUY';
    price: string;
    qty: string;
    quoteQty: string;
    fee: string;
    feeAsset: string;
    /** The order's trade list could not be read: the fee is estimated from commission rates. */
    feeEstimated: boolean;
    time: string;
  };
  [BotEventType.TradeClosed]: {
    tradeId: string;
    side: 'SELL';
    price: string;
    qty: string;
    quoteQty: string;
    fee: string;
    feeAsset: string;
    /** The order's trade list could not be read: the fee is estimated from commission rates. */
    feeEstimated: boolean;
    pnl: string | null;
    reason: string;
    time: string;
  };
  [BotEventType.OrderRejected]: { clientOrderId: string; side: 'BUY' | 'SELL'; reason: string };
}

export interface BotEvent<T extends BotEventType = BotEventType> {
  /** Unique per event: receivers de-duplicate deliveries on it. */
  id: string;
  type: T;
  /** ISO 8601, UTC. */
  time: string;
  userId: string;
  bot: BotEventBot;
  data: BotEventData[T];
}

/**
 * The engine's port to notifications: called after a transaction commits. It must only
 * enqueue (a slow receiver never slows a tick) and must not throw for a delivery problem.
 */
export abstract class BotEventPublisher {
  abstract publish(events: BotEvent[]): Promise<void>;
}
