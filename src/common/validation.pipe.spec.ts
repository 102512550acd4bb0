import type { ArgumentMetadata } from '@nestjs/common';
import { LoginDto } from '../auth/dto/login.dto';
import { CreateBotDto } from '../bots/dto/create-bot.dto';
import { ListBotsQueryDto } from '../bots/dto/list-query.dto';
import { UpdateBotDto } from '../bots/dto/update-bot.dto';
import { UpdateNotificationChannelDto } from '../notifications/dto/update-notification-channel.dto';
import { InvalidInputError, type FieldError } from '../kernel/errors/validation.error';
import { PageQueryDto } from './page-query.dto';
import { createValidationPipe } from './validation.pipe';

const pipe = createValidationPipe();

const bot = () => ({
  name: 'bot',
  symbol: 'BTCUSDT',
  interval: '1h',
  mode: 'paper',
  strategy: 'ema-rsi',
  risk: { positionSizeQuote: '100' },
});

async function validate(metatype: new () => object, value: unknown, type = 'body') {
  return pipe.transform(value, { type, metatype } as ArgumentMetadata);
}

/** The field errors of a refused input; fails the test when it was accepted. */
async function refusal(metatype: new () => object, value: unknown, type = 'body') {
  try {
    await validate(metatype, value, type);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(value).slice(0, 200)}`);
}

const fields = (errors: FieldError[]) => errors.map((error) => error.field);

describe('the global validation pipe', () => {
  it('refuses a NUL character in any string of a DTO, nested and in free-form objects', async () => {
    expect(await refusal(CreateBotDto, { ...bot(), name: 'a\u0000b' })).toEqual([
      { field: 'name', reason: 'must not contain the NUL character (\\u0000)' },
    ]);
    expect(
      fields(await refusal(CreateBotDto, { ...bot(), strategyParams: { 'a\u0000': 1 } })),
    ).toEqual(['strategyParams']);
    expect(fields(await refusal(ListBotsQueryDto, { all: '\u0000' }, 'query'))).toEqual(['all']);
  });

  it('refuses an unpaired surrogate in any string or key, which jsonb cannot hold', async () => {
    expect(await refusal(CreateBotDto, { ...bot(), name: 'a\uD800b' })).toEqual([
      { field: 'name', reason: 'must be well-formed Unicode (no unpaired surrogate)' },
    ]);
    expect(fields(await refusal(CreateBotDto, { ...bot(), name: 'end\uDC00' }))).toEqual(['name']);
    expect(
      fields(await refusal(CreateBotDto, { ...bot(), strategyParams: { 'k\uDBFF': 1 } })),
    ).toEqual(['strategyParams']);
    await expect(validate(CreateBotDto, { ...bot(), name: 'pair \uD83D\uDE00' })).resolves.toEqual(
      expect.objectContaining({ name: 'pair \uD83D\uDE00' }),
    );
  });

  it('refuses risk left out, an array or not an object, naming risk', async () => {
    for (const risk of [undefined, [], [{ positionSizeQuote: '1' }], 'x', null]) {
      expect(fields(await refusal(CreateBotDto, { ...bot(), risk }))).toEqual(['risk']);
    }
  });

  it('bounds every decimal to 20 digits before the point and 18 after', async () => {
    const cases: [object, string][] = [
      [{ risk: { positionSizeQuote: '9'.repeat(200_000) } }, 'risk.positionSizeQuote'],
      [{ risk: { positionSizeQuote: `1.${'1'.repeat(20_000)}` } }, 'risk.positionSizeQuote'],
      [{ paper: { initialBalanceQuote: '1'.repeat(21) } }, 'paper.initialBalanceQuote'],
      [{ paper: { feeRate: `0.${'1'.repeat(19)}` } }, 'paper.feeRate'],
      [{ paper: { initialBalanceQuote: 1e300 } }, 'paper.initialBalanceQuote'],
    ];
    for (const [change, field] of cases) {
      expect(fields(await refusal(CreateBotDto, { ...bot(), ...change }))).toEqual([field]);
    }
    const widest = await validate(CreateBotDto, {
      ...bot(),
      risk: { positionSizeQuote: `${'9'.repeat(20)}.${'1'.repeat(18)}` },
      paper: { initialBalanceQuote: `000${'9'.repeat(20)}` },
    });
    expect(widest).toMatchObject({ paper: { initialBalanceQuote: '9'.repeat(20) } });
  });

  it('refuses null for what a PATCH cannot clear, and still clears what it can', async () => {
    const cases: [object, string][] = [
      [{ name: null }, 'name'],
      [{ symbol: null }, 'symbol'],
      [{ interval: null }, 'interval'],
      [{ mode: null }, 'mode'],
      [{ strategy: null }, 'strategy'],
      [{ risk: null }, 'risk'],
      [{ risk: { positionSizeQuote: null } }, 'risk.positionSizeQuote'],
      [{ paper: { feeRate: null } }, 'paper.feeRate'],
      [{ paper: { initialBalanceQuote: null } }, 'paper.initialBalanceQuote'],
    ];
    for (const [change, field] of cases) {
      expect(fields(await refusal(UpdateBotDto, change))).toEqual([field]);
    }
    const cleared = { risk: { stopLossPct: null, maxDailyTrades: null }, credentialId: null };
    expect(await validate(UpdateBotDto, cleared)).toMatchObject(cleared);

    for (const field of ['to', 'url', 'secret', 'events', 'enabled']) {
      expect(fields(await refusal(UpdateNotificationChannelDto, { [field]: null }))).toEqual([
        field,
      ]);
    }
    expect(await validate(UpdateNotificationChannelDto, { botIds: null })).toEqual({
      botIds: null,
    });
  });

  it('pages with defaults, and says what is wrong with limit and offset', async () => {
    expect(await validate(PageQueryDto, {}, 'query')).toEqual({ limit: 50, offset: 0 });
    expect(await validate(ListBotsQueryDto, { limit: '5', offset: '10' }, 'query')).toEqual({
      all: false,
      limit: 5,
      offset: 10,
    });
    const reasons: [object, FieldError][] = [
      [{ limit: 'abc' }, { field: 'limit', reason: 'must be a whole number' }],
      [{ limit: '1.5' }, { field: 'limit', reason: 'must be a whole number' }],
      [{ limit: '' }, { field: 'limit', reason: 'must be a whole number' }],
      [{ limit: '0' }, { field: 'limit', reason: 'must be at least 1' }],
      [{ limit: '501' }, { field: 'limit', reason: 'must be at most 500' }],
      [{ offset: '-1' }, { field: 'offset', reason: 'must be at least 0' }],
      [
        { offset: '99999999999999999999' },
        { field: 'offset', reason: 'must be at most 1000000000' },
      ],
    ];
    for (const [query, error] of reasons) {
      expect(await refusal(PageQueryDto, query, 'query')).toEqual([error]);
    }
  });

  it('refuses e-mail addresses with control, invisible or bidirectional characters', async () => {
    const password = 'secret';
    for (const email of [
      'a\u202eb@example.com',
      'ab@exa\u202emple.com',
      'a\u200bb@example.com',
      'a\u2066b@example.com',
      'a\u0007b@example.com',
      'a\u00a0b@example.com',
      'a\ud800b@example.com',
    ]) {
      expect(await refusal(LoginDto, { email, password })).toEqual([
        { field: 'email', reason: 'must not contain spaces, control or invisible characters' },
      ]);
    }
    expect(await validate(LoginDto, { email: ' Admin@Localhost ', password })).toEqual({
      email: 'admin@localhost',
      password,
    });
  });

  it('passes a value the server made through a custom decorator untouched, whatever its class', async () => {
    // The built app's decorator metadata names the class of such a value (an admitted backtest
    // place): validating it as input refused every backtest (its private fields "should not exist").
    class ServerMade {
      readonly left = new AbortController();
      constructor(readonly free: () => void) {}
    }
    const value = new ServerMade(() => undefined);
    await expect(validate(ServerMade as never, value, 'custom')).resolves.toBe(value);
  });
});
