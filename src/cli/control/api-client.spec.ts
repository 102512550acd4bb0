import { describeApiError, normaliseServer, serverKey } from './api-client';

describe('describeApiError', () => {
  it('prints the message of an error without field errors', () => {
    expect(
      describeApiError(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'a running bot cannot be deleted',
        correlationId: 'c1',
      }),
    ).toEqual({ message: 'a running bot cannot be deleted (HTTP 409)', details: [] });
  });

  it('prints each field error on its own line, and the message only when it says more', () => {
    const errors = [
      { field: 'symbol', reason: 'must be an upper-case Binance symbol like BTCUSDT' },
      { field: 'risk.positionSizeQuote', reason: 'must be a positive decimal' },
    ];
    const details = [
      'symbol: must be an upper-case Binance symbol like BTCUSDT',
      'risk.positionSizeQuote: must be a positive decimal',
    ];
    const joined = errors.map((e) => `${e.field} ${e.reason}`).join('; ');
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: joined,
      errors,
      correlationId: 'c',
    };
    expect(describeApiError(400, body)).toEqual({ message: 'Bad Request (HTTP 400)', details });
    expect(describeApiError(400, { ...body, message: 'the bot cannot be created' })).toEqual({
      message: 'the bot cannot be created (HTTP 400)',
      details,
    });
  });

  it('says only the status for a body that is not the API error shape', () => {
    expect(describeApiError(502, undefined)).toEqual({
      message: 'the server answered HTTP 502',
      details: [],
    });
    expect(describeApiError(500, { oops: true })).toEqual({
      message: 'the server answered HTTP 500',
      details: [],
    });
  });
});

describe('normaliseServer', () => {
  it('keeps the origin and path, without a trailing slash', () => {
    expect(normaliseServer('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(normaliseServer('https://Bots.Example.com/tradebot//?x=1')).toBe(
      'https://bots.example.com/tradebot',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => normaliseServer('localhost:3000')).toThrow(/must be http/);
    expect(() => normaliseServer('not a url')).toThrow(
      '--url not a url is not a URL (like http://localhost:3000)',
    );
  });
});

describe('serverKey', () => {
  it('makes the loopback names, trailing slashes and default ports one server', () => {
    const key = 'http://localhost:3000';
    for (const url of [
      'http://localhost:3000/',
      'http://127.0.0.1:3000',
      'http://[::1]:3000//',
      'HTTP://LOCALHOST:3000',
    ]) {
      expect(serverKey(url)).toBe(key);
    }
    expect(serverKey('http://127.0.0.1:80/')).toBe('http://localhost');
    expect(serverKey('https://bots.example.com:443/x/')).toBe('https://bots.example.com/x');
  });

  it('keeps other hosts, ports and schemes apart', () => {
    expect(serverKey('http://localhost:3001')).not.toBe(serverKey('http://localhost:3000'));
    expect(serverKey('https://localhost:3000')).not.toBe(serverKey('http://localhost:3000'));
    expect(serverKey('http://10.0.0.1:3000')).toBe('http://10.0.0.1:3000');
  });
});
