/** The strategy whose bots trade on alerts posted to /api/signals (docs/external-signals.md). */
export const EXTERNAL_SIGNAL = 'external-signal';

/** Where TradingView posts a bot's alerts: this server's signals route. */
export function signalsUrl(origin: string): string {
  return `${origin}/api/signals`;
}

/**
 * The alert message to paste into TradingView, as docs/external-signals.md gives it: a buy,
 * with an id of its own for every alert ({{timenow}}), so a repeated delivery trades once.
 */
export function alertMessage(botId: string, passphrase: string): string {
  const id = '{{ticker}}-{{interval}}-{{timenow}}-buy';
  return JSON.stringify({ botId, passphrase, action: 'buy', id }, null, 2);
}
