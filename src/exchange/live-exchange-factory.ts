import type { LiveExchangeClient } from './exchange-client.interface';

/** Builds the live venue client for a credential; provided by the live adapter. */
export interface LiveExchangeFactory {
  forCredential(credentialId: string): Promise<LiveExchangeClient>;
}

export const LIVE_EXCHANGE_FACTORY = Symbol('LIVE_EXCHANGE_FACTORY');

export class LiveTradingUnavailableError extends Error {
  override name = 'LiveTradingUnavailableError';
}
