import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  badApiKeyFormat,
  invalidSignature,
  missingParam,
  recvWindowTooLarge,
  rejectedApiKey,
  timestampAhead,
  timestampOutsideWindow,
} from './binance-error';
import { decimalParam, integerParam, requiredParam, type ParsedRequest } from './request-params';

const DEFAULT_RECV_WINDOW = 5000;
const MAX_RECV_WINDOW = 60000;
// Binance refuses requests stamped this far ahead of its clock, whatever the recvWindow.
const MAX_AHEAD_MS = 1000;

/**
 * Checks a SIGNED request as Binance does: the key, then the HMAC-SHA256 signature of the
 * signed payload, then the timing rule `timestamp < serverTime + 1s && serverTime -
 * timestamp <= recvWindow`. Returns the API key of the authenticated account.
 */
export function authenticate(
  request: ParsedRequest,
  secretOf: (apiKey: string) => string | undefined,
  serverTime: number,
): string {
  const apiKey = request.apiKey;
  if (!apiKey) throw badApiKeyFormat();
  const secret = secretOf(apiKey);
  if (secret === undefined) throw rejectedApiKey();

  const timestamp = integerParam(request.params, 'timestamp');
  if (timestamp === undefined) throw missingParam('timestamp');
  const recvWindow = decimalParam(request.params, 'recvWindow')?.toNumber() ?? DEFAULT_RECV_WINDOW;
  if (recvWindow > MAX_RECV_WINDOW) throw recvWindowTooLarge();

  const signature = requiredParam(request.params, 'signature');
  const expected = createHmac('sha256', secret).update(request.signedPayload).digest();
  // HMAC signatures are not case-sensitive on Binance.
  const given = Buffer.from(/^[0-9a-fA-F]{64}$/.test(signature) ? signature : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw invalidSignature();

  if (timestamp >= serverTime + MAX_AHEAD_MS) throw timestampAhead();
  if (serverTime - timestamp > recvWindow) throw timestampOutsideWindow();
  return apiKey;
}
