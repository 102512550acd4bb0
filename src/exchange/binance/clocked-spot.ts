import { createHmac } from 'node:crypto';
import connector, { type ConnectorResponse, type SpotOptions } from '@binance/connector';

/**
 * The connector's Spot client, signing with the exchange's clock instead of this machine's.
 * The connector stamps signed requests with Date.now(), which Binance refuses (-1021) once
 * the clocks drift apart by more than the recvWindow; here the stamp is Date.now() plus an
 * offset measured from /api/v3/time. The secret stays in a true private field, not in the
 * connector's enumerable properties where an inspected client would show it.
 */
export class ClockedSpot extends connector.Spot {
  /** Exchange time minus local time, in ms. */
  offsetMs = 0;
  readonly #secret: string;

  constructor(apiKey: string, apiSecret: string, options: SpotOptions) {
    super(apiKey, '', options);
    this.#secret = apiSecret;
  }

  // Same query as the connector builds (empty values dropped, values URI-encoded), the same
  // HMAC-SHA256 signature; only the timestamp differs.
  protected override signRequest(
    method: string,
    path: string,
    params: Record<string, unknown> = {},
  ): Promise<ConnectorResponse<unknown>> {
    const values: Record<string, unknown> = { ...params, timestamp: Date.now() + this.offsetMs };
    const query = Object.entries(values)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
      .join('&');
    const signature = createHmac('sha256', this.#secret).update(query).digest('hex');
    return this.publicRequest(method, `${path}?${query}&signature=${signature}`);
  }
}
