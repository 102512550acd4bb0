import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/database/entities/audit-event.entity';
import { BotState } from '../../src/database/entities/bot-state.entity';
import {
  ExternalSignal,
  ExternalSignalStatus,
} from '../../src/database/entities/external-signal.entity';
import { Order } from '../../src/database/entities/order.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { BotStatus } from '../../src/kernel/bot.enums';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';

// Low limits, so that the throttle is reached in a few requests; the per-address one is
// reached last, by the last test.
const PER_BOT = 4;
const PER_ADDRESS = 40;

describe('external signals (TradingView alerts) on a paper bot', () => {
  let exchange: FakeBinanceServer;
  let testApp: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    // Cron off: a 1h bot ticks only when started and when a signal comes.
    testApp = await createTestApp({
      BINANCE_BASE_URL: await exchange.start(),
      SIGNALS_PER_BOT_PER_MINUTE: String(PER_BOT),
      SIGNALS_PER_IP_PER_MINUTE: String(PER_ADDRESS),
    });
    const user = await createUser(testApp.http, await adminLogin(testApp.http));
    auth = { Authorization: `Bearer ${user.token}` };
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const createBot = async (strategyParams: Record<string, number> = {}) => {
    const { body } = await testApp.http
      .post('/api/bots')
      .set(auth)
      .send({
        name: 'tv alerts',
        symbol: 'BTCUSDT',
        interval: '1h',
        mode: 'paper',
        strategy: 'external-signal',
        strategyParams,
        risk: { positionSizeQuote: '1000' },
      })
      .expect(201);
    return body as { id: string; signalPassphrase: string };
  };
  const state = (botId: string) =>
    testApp.dataSource.getRepository(BotState).findOneByOrFail({ id: botId });
  const startBot = async (botId: string) => {
    await testApp.http.post(`/api/bots/${botId}/start`).set(auth).expect(202);
    await waitFor(
      async () => ((await state(botId)).status === BotStatus.Running ? true : undefined),
      'the first tick',
    );
  };
  const trades = (botId: string) => testApp.dataSource.getRepository(Trade).findBy({ botId });
  const orders = (botId: string) => testApp.dataSource.getRepository(Order).findBy({ botId });
  const signal = (body: object) => testApp.http.post('/api/signals').send(body);

  it('trades within 2 s of a buy signal, and a repeated alert id makes no second order', async () => {
    const bot = await createBot();
    expect(bot.signalPassphrase).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const shown = await testApp.http.get(`/api/bots/${bot.id}`).set(auth).expect(200);
    expect(shown.body.signalPassphrase).toBeUndefined();
    await startBot(bot.id);
    expect((await state(bot.id)).lastDecision).toBe('waiting for an external signal');

    const alert = { botId: bot.id, passphrase: bot.signalPassphrase, action: 'buy', id: 'a-1' };
    const postedAt = Date.now();
    const accepted = await signal(alert).expect(202);
    expect(accepted.body).toEqual({ duplicate: false });
    const [trade] = await waitFor(async () => {
      const all = await trades(bot.id);
      return all.length > 0 ? all : undefined;
    }, 'the trade');
    expect(Date.now() - postedAt).toBeLessThan(2000);
    expect(trade).toMatchObject({ side: 'BUY', mode: 'paper' });
    expect((await state(bot.id)).lastDecision).toBe('buy: signal');

    const again = await signal(alert).expect(200);
    expect(again.body).toEqual({ duplicate: true });
    const sell = { ...alert, action: 'sell', id: 'a-2' };
    await signal(sell).expect(202);
    await waitFor(async () => ((await trades(bot.id)).length === 2 ? true : undefined), 'sell');
    expect((await orders(bot.id)).map((order) => order.side).sort()).toEqual(['BUY', 'SELL']);
    const stored = await testApp.dataSource.getRepository(ExternalSignal).findBy({ botId: bot.id });
    expect(stored.map((row) => [row.alertId, row.status]).sort()).toEqual([
      ['a-1', ExternalSignalStatus.Used],
      ['a-2', ExternalSignalStatus.Used],
    ]);
  }, 30_000);

  it('answers a wrong passphrase and an unknown bot with the same 401', async () => {
    const bot = await createBot();
    const wrong = await signal({ botId: bot.id, passphrase: 'nope', action: 'buy', id: 'x' });
    const unknown = await signal({
      botId: randomUUID(),
      passphrase: bot.signalPassphrase,
      action: 'buy',
      id: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const withoutId = ({ correlationId, ...rest }: Record<string, unknown>) => {
      expect(correlationId).toEqual(expect.any(String));
      return rest;
    };
    const wrongBody = withoutId(wrong.body as Record<string, unknown>);
    const unknownBody = withoutId(unknown.body as Record<string, unknown>);
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.message).toBe('unknown bot or wrong passphrase');
  });

  it('answers 409 for a stopped bot, and 400 naming the field of a malformed body', async () => {
    const bot = await createBot();
    const alert = { botId: bot.id, passphrase: bot.signalPassphrase, action: 'buy', id: 's-1' };
    const stopped = await signal(alert).expect(409);
    expect(stopped.body.message).toMatch(/stopped/);
    for (const [change, field] of [
      [{ action: 'hold' }, 'action'],
      [{ botId: 'not-a-uuid' }, 'botId'],
      [{ id: '' }, 'id'],
      [{ passphrase: undefined }, 'passphrase'],
    ] as const) {
      const response = await signal({ ...alert, ...change }).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
    expect(await testApp.dataSource.getRepository(ExternalSignal).countBy({ botId: bot.id })).toBe(
      0,
    );
  });

  it('drops a signal older than signalTtlSeconds when its tick runs, and the state says so', async () => {
    const bot = await createBot({ signalTtlSeconds: 5 });
    await startBot(bot.id);
    const alert = { botId: bot.id, passphrase: bot.signalPassphrase, action: 'buy', id: 'late' };
    // The bot's row held: the signal's tick cannot run, and is retried once it is free.
    await testApp.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM bot_state WHERE id = $1 FOR UPDATE', [bot.id]);
      await signal(alert).expect(202);
      await manager.query(
        `UPDATE external_signal SET received_at = now() - interval '1 minute' WHERE bot_id = $1`,
        [bot.id],
      );
    });
    const dropped = await waitFor(async () => {
      const row = await testApp.dataSource
        .getRepository(ExternalSignal)
        .findOneByOrFail({ botId: bot.id });
      return row.status === ExternalSignalStatus.Pending ? undefined : row;
    }, 'the signal handled');
    expect(dropped.status).toBe(ExternalSignalStatus.Expired);
    expect((await state(bot.id)).lastDecision).toMatch(
      /^buy signal late dropped: received 6\d s ago, past signalTtlSeconds 5$/,
    );
    expect(await orders(bot.id)).toEqual([]);
  }, 30_000);

  it('rotates the passphrase: the new one works, the old one is a 401, and it is audited', async () => {
    const bot = await createBot();
    const rotated = await testApp.http
      .post(`/api/bots/${bot.id}/signal-passphrase`)
      .set(auth)
      .expect(200);
    const fresh = rotated.body.signalPassphrase as string;
    expect(fresh).not.toBe(bot.signalPassphrase);
    const alert = { botId: bot.id, action: 'buy', id: 'r-1' };
    await signal({ ...alert, passphrase: bot.signalPassphrase }).expect(401);
    // Stopped, so the new passphrase is let in and answered 409.
    await signal({ ...alert, passphrase: fresh }).expect(409);
    const audit = await testApp.dataSource.getRepository(AuditEvent).findBy({
      targetId: bot.id,
      action: 'bot.signal-passphrase-rotated' as AuditEvent['action'],
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain(fresh);
  });

  it('throttles per bot and per client address with 429 and Retry-After', async () => {
    const bot = await createBot();
    const alert = { botId: bot.id, passphrase: bot.signalPassphrase, action: 'buy', id: 't' };
    for (let i = 0; i < PER_BOT; i++) await signal(alert).expect(409);
    const perBot = await signal(alert).expect(429);
    expect(perBot.headers['retry-after']).toMatch(/^\d+$/);
    expect(perBot.body.message).toMatch(/per bot/);

    let perAddress = await signal({ ...alert, passphrase: 'wrong' });
    for (let i = 0; i < PER_ADDRESS && perAddress.status === 401; i++) {
      perAddress = await signal({ ...alert, passphrase: 'wrong' });
    }
    expect(perAddress.status).toBe(429);
    expect(perAddress.body.message).toMatch(/per client network/);
  });
});
