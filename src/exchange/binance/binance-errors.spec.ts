import { BinanceRequestError, classifyFailure, failureOf } from './binance-errors';

const http = (status: number, code?: number, msg = 'msg') => ({
  kind: 'http' as const,
  status,
  ...(code !== undefined ? { code, msg } : {}),
});

describe('classifyFailure', () => {
  it.each([
    [-2010, 'Account has insufficient balance for requested action.'],
    [-1013, 'Filter failure: LOT_SIZE'],
    [-1121, 'Invalid symbol.'],
    [-1100, "Illegal characters found in parameter 'quantity'"],
    [-1102, "Mandatory parameter 'symbol' was not sent"],
    [-1111, 'Parameter quantity has too much precision.'],
    [-1022, 'Signature for this request is not valid.'],
  ])('makes a 400 with %i final', (code, msg) => {
    expect(classifyFailure(http(400, code, msg))).toEqual({
      type: 'final',
      reason: `Binance ${code}: ${msg}`,
    });
  });

  it('makes a rejected key (401 -2015) final', () => {
    expect(classifyFailure(http(401, -2015)).type).toBe('final');
  });

  it.each([
    ['a timeout', { kind: 'transport' as const, code: 'ECONNABORTED' }],
    ['a reset connection', { kind: 'transport' as const, code: 'ECONNRESET' }],
    ['a gateway 502', http(502)],
    ['a 500 -1001', http(500, -1001)],
    ['-1007, execution status unknown', http(503, -1007)],
    ['-1007 under any status', http(400, -1007)],
  ])('makes %s unknown', (_name, failure) => {
    expect(classifyFailure(failure).type).toBe('unknown');
  });

  it('waits out a 429 or 418 for Retry-After, a minute without one', () => {
    expect(classifyFailure({ ...http(429, -1003), retryAfterSeconds: 7 })).toMatchObject({
      type: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect(classifyFailure({ ...http(418, -1003), retryAfterSeconds: 120 })).toMatchObject({
      type: 'rate_limited',
      retryAfterMs: 120_000,
    });
    expect(classifyFailure(http(429))).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('tells clock skew and a missing order apart', () => {
    expect(classifyFailure(http(400, -1021)).type).toBe('clock_skew');
    expect(classifyFailure(http(400, -2013)).type).toBe('no_such_order');
  });

  it('describes an answer without a code by its status', () => {
    expect(classifyFailure(http(502)).reason).toBe('Binance answered HTTP 502');
    expect(classifyFailure({ kind: 'transport', code: 'ECONNABORTED' }).reason).toBe(
      'no answer from Binance (ECONNABORTED)',
    );
  });
});

describe('failureOf', () => {
  it('reads status, code, message and Retry-After from the answer only', () => {
    const error = Object.assign(new Error('Request failed with status code 418'), {
      config: { url: '/api/v3/order?timestamp=1&signature=deadbeef' },
      request: { headers: { 'X-MBX-APIKEY': 'the-api-key' } },
      response: {
        status: 418,
        data: { code: -1003, msg: 'IP banned until 1.' },
        headers: { 'retry-after': '120' },
      },
    });
    const failure = failureOf(error);
    expect(failure).toEqual({
      kind: 'http',
      status: 418,
      code: -1003,
      msg: 'IP banned until 1.',
      retryAfterSeconds: 120,
    });
    const thrown = new BinanceRequestError(failure);
    expect(JSON.stringify({ failure, message: thrown.message })).not.toMatch(
      /signature|deadbeef|the-api-key/,
    );
  });

  it('takes an HTML gateway page as a bare status', () => {
    expect(failureOf({ response: { status: 504, data: '<html>', headers: {} } })).toEqual({
      kind: 'http',
      status: 504,
    });
  });

  it('takes an error without an answer as a transport failure', () => {
    expect(failureOf({ code: 'ECONNABORTED', message: 'timeout of 500ms exceeded' })).toEqual({
      kind: 'transport',
      code: 'ECONNABORTED',
    });
    expect(failureOf('weird')).toEqual({ kind: 'transport', code: 'ERROR' });
  });
});
