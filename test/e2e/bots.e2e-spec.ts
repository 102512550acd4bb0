import { randomUUID } from 'node:crypto';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { Trade } from '../../src/database/entities/trade.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { API_KEY, API_SECRET, testOptions } from '../fake-binance/test-universe';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

const validBot = () => ({
  name: 'trend follower',
  symbol: 'BTCUSDT',
  interval: '1h',
  mode: 'paper',
  strategy: 'ema-rsi',
  strategyParams: { emaFast: 9 },
  risk: { positionSizeQuote: '250.50', stopLossPct: 2, takeProfitPct: '5' },
});

describe('/api/bots', () => {
  let testApp: TestApp;
  let exchange: FakeBinanceServer;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let adminToken: string;
  const as = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    testApp = await createTestApp({ BINANCE_BASE_URL: await exchange.start() });
    adminToken = await adminLogin(testApp.http);
    owner = await createUser(testApp.http, adminToken);
    stranger = await createUser(testApp.http, adminToken);
  });

  afterAll(async () => {
    await testApp.close();
    await exchange.stop();
  });

  const createBot = async (body: object = validBot(), user = owner) =>
    (await testApp.http.post('/api/bots').set(as(user)).send(body).expect(201)).body;
  const createCredential = async (user: { token: string }) =>
    (
      await testApp.http
        .post('/api/credentials')
        .set(as(user))
        .send({
          label: 'main',
          apiKey: API_KEY.padEnd(16, 'x'),
          apiSecret: API_SECRET.padEnd(16, 'x'),
        })
        .expect(201)
    ).body.id as string;
  const setStatus = (id: string, status: string) =>
    testApp.dataSource
      .getRepository(BotState)
      .update({ id }, { status: status as BotState['status'] });

  it('creates a paper bot with defaults filled and a stopped state holding its balance', async () => {
    const bot = await createBot();
    expect(bot).toMatchObject({
      userId: owner.id,
      mode: 'paper',
      status: 'stopped',
      credentialId: null,
      strategyParams: {
        emaFast: 9,
        emaSlow: 26,
        rsiPeriod: 14,
        rsiOverbought: 70,
        rsiOversold: 30,
      },
      risk: {
        positionSizeQuote: '250.5',
        stopLossPct: '2',
        takeProfitPct: '5',
        trailingStopPct: null,
      },
      paper: { initialBalanceQuote: '10000', feeRate: '0.001', slippageBps: '5' },
    });
    const state = await testApp.http.get(`/api/bots/${bot.id}/state`).set(as(owner)).expect(200);
    expect(state.body).toMatchObject({
      status: 'stopped',
      statusText: 'stopped',
      position: null,
      orderInFlight: false,
      balances: { quote: '10000', base: '0' },
      daily: { trades: 0, realizedPnl: '0' },
      realizedPnl: '0',
    });
  });

  it('lists, gets, updates and deletes its own bots', async () => {
    const bot = await createBot();
    const list = await testApp.http.get('/api/bots').set(as(owner)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(bot.id);
    await testApp.http.get(`/api/bots/${bot.id}`).set(as(owner)).expect(200);
    const updated = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ name: 'renamed', strategyParams: { emaSlow: 30 }, risk: { stopLossPct: null } })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'renamed',
      strategyParams: { emaFast: 9, emaSlow: 30 },
      risk: { stopLossPct: null, takeProfitPct: '5', positionSizeQuote: '250.5' },
    });
    await testApp.http.delete(`/api/bots/${bot.id}`).set(as(owner)).expect(204);
    await testApp.http.get(`/api/bots/${bot.id}`).set(as(owner)).expect(404);
  });

  it.each([
    ['name', { name: '' }, 'name'],
    ['symbol', { symbol: 'btc-usdt' }, 'symbol'],
    ['interval', { interval: '2m' }, 'interval'],
    ['mode', { mode: 'margin' }, 'mode'],
    ['strategy', { strategy: 'martingale' }, 'strategy'],
    [
      'strategyParams.emaFast',
      { strategyParams: { emaFast: 30, emaSlow: 26 } },
      'strategyParams.emaFast',
    ],
    ['strategyParams unknown', { strategyParams: { magic: 1 } }, 'strategyParams.magic'],
    // A tick sees 500 closed candles: a warm-up past them would never trade.
    ['strategyParams warm-up', { strategyParams: { emaSlow: 600 } }, 'strategyParams'],
    ['risk.positionSizeQuote', { risk: { positionSizeQuote: '-5' } }, 'risk.positionSizeQuote'],
    [
      'risk.positionSizeQuote text',
      { risk: { positionSizeQuote: 'lots' } },
      'risk.positionSizeQuote',
    ],
    [
      'risk.stopLossPct',
      { risk: { positionSizeQuote: '10', stopLossPct: 150 } },
      'risk.stopLossPct',
    ],
    [
      'risk.maxDailyTrades',
      { risk: { positionSizeQuote: '10', maxDailyTrades: 1.5 } },
      'risk.maxDailyTrades',
    ],
    ['paper.feeRate', { paper: { feeRate: '0.5' } }, 'paper.feeRate'],
    ['risk left out', { risk: undefined }, 'risk'],
    ['risk as an array', { risk: [{ positionSizeQuote: '10' }] }, 'risk'],
    ['a NUL in name', { name: 'trend\u0000follower' }, 'name'],
    [
      '200,000 integer digits',
      { risk: { positionSizeQuote: '9'.repeat(200_000) } },
      'risk.positionSizeQuote',
    ],
    [
      '20,000 fraction digits',
      { risk: { positionSizeQuote: '10', stopLossPct: `1.${'1'.repeat(20_000)}` } },
      'risk.stopLossPct',
    ],
    [
      'paper.initialBalanceQuote too long',
      { paper: { initialBalanceQuote: '9'.repeat(200_000) } },
      'paper.initialBalanceQuote',
    ],
    ['unknown field', { leverage: 10 }, 'leverage'],
    ['credentialId', { credentialId: 'nope' }, 'credentialId'],
  ])('answers 400 naming %s', async (_case, change, field) => {
    const response = await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .send({ ...validBot(), ...change })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(response.body.errors[0].reason).toEqual(expect.any(String));
  });

  it('answers 400, never 500, to malformed JSON and to bodies that are not objects', async () => {
    const malformed = await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(malformed.body).toMatchObject({
      errors: [{ field: 'body' }],
      correlationId: expect.any(String),
    });
    await testApp.http.post('/api/bots').set(as(owner)).send([validBot()]).expect(400);
    await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .set('Content-Type', 'application/json')
      .send('42')
      .expect(400);
  });

  it('needs a credential of the same user for a live bot, and a listed symbol', async () => {
    const live = { ...validBot(), mode: 'live' };
    const missing = await testApp.http.post('/api/bots').set(as(owner)).send(live).expect(400);
    expect(missing.body.errors).toEqual([
      { field: 'credentialId', reason: 'is required for a live bot' },
    ]);

    const theirs = await createCredential(stranger);
    const stolen = await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .send({ ...live, credentialId: theirs })
      .expect(400);
    expect(stolen.body.errors[0].field).toBe('credentialId');

    const mine = await createCredential(owner);
    const bot = await createBot({ ...live, credentialId: mine });
    expect(bot).toMatchObject({ mode: 'live', credentialId: mine });
    const state = await testApp.http.get(`/api/bots/${bot.id}/state`).set(as(owner)).expect(200);
    expect(state.body.balances).toBeNull();

    const unknown = await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .send({ ...live, credentialId: mine, symbol: 'DOGEUSDT' })
      .expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'symbol', reason: 'DOGEUSDT is not listed on the exchange' },
    ]);
  });

  it('refuses a paper bot on a symbol the exchange does not list, at creation and at an edit', async () => {
    const unlisted = [{ field: 'symbol', reason: 'DOGEUSDT is not listed on the exchange' }];
    const created = await testApp.http
      .post('/api/bots')
      .set(as(owner))
      .send({ ...validBot(), symbol: 'DOGEUSDT' })
      .expect(400);
    expect(created.body.errors).toEqual(unlisted);

    const bot = await createBot();
    const edited = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ symbol: 'DOGEUSDT' })
      .expect(400);
    expect(edited.body.errors).toEqual(unlisted);
    await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ symbol: 'ETHUSDT' })
      .expect(200);
  });

  it("hides another user's bot behind a 404 on every route, but not from an admin", async () => {
    const bot = await createBot();
    for (const [method, path] of [
      ['get', ''],
      ['patch', ''],
      ['delete', ''],
      ['get', '/state'],
      ['get', '/trades'],
    ] as const) {
      await testApp.http[method](`/api/bots/${bot.id}${path}`)
        .set(as(stranger))
        .send({})
        .expect(404);
    }
    const admin = { token: adminToken };
    await testApp.http.get(`/api/bots/${bot.id}`).set(as(admin)).expect(200);
    const all = await testApp.http.get('/api/bots?all=true&limit=500').set(as(admin)).expect(200);
    expect(all.body.items.map((item: { id: string }) => item.id)).toContain(bot.id);
    const own = await testApp.http.get('/api/bots').set(as(stranger)).expect(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).not.toContain(bot.id);
    const refused = await testApp.http.get('/api/bots?all=true').set(as(stranger)).expect(403);
    expect(refused.body.message).toBe("only admins may list everyone's bots");
    await testApp.http.get(`/api/bots/${randomUUID()}`).set(as(owner)).expect(404);
    const bad = await testApp.http.get('/api/bots/123').set(as(owner)).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it("answers a stranger's delete with a 404 without waiting for the bot's lock", async () => {
    const bot = await createBot();
    // The owner's tick holds the state lock; a stranger that queued behind it would hold it
    // next, and the owner's following ticks (FOR UPDATE NOWAIT) would be skipped meanwhile.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = testApp.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM bot_state WHERE id = $1 FOR UPDATE', [bot.id]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    let answered = false;
    const deleting = testApp.http
      .delete(`/api/bots/${bot.id}`)
      .set(as(stranger))
      .then((response) => ((answered = true), response.status));
    const waiting = (async () => {
      while (!answered) {
        const [{ waiters }] = await testApp.dataSource.query(
          `SELECT count(*)::int AS waiters FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiters > 0) return 'waited for the lock';
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return 'answered';
    })();
    try {
      expect(await Promise.race([deleting, waiting])).toBe(404);
    } finally {
      release();
      await holder;
      await Promise.all([deleting, waiting]);
    }
    await testApp.http.get(`/api/bots/${bot.id}`).set(as(owner)).expect(200);
  });

  it('pages the list newest first with the total, like trades', async () => {
    const user = await createUser(testApp.http, adminToken);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await createBot({ ...validBot(), name: `b${i}` }, user)).id);
    const page = await testApp.http.get('/api/bots?limit=2&offset=1').set(as(user)).expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([ids[1], ids[0]]);
    const first = await testApp.http.get('/api/bots').set(as(user)).expect(200);
    expect(first.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    for (const [query, field, reason] of [
      ['limit=abc', 'limit', 'must be a whole number'],
      ['limit=501', 'limit', 'must be at most 500'],
      ['offset=99999999999999999999', 'offset', 'must be at most 1000000000'],
    ]) {
      const bad = await testApp.http.get(`/api/bots?${query}`).set(as(user)).expect(400);
      expect(bad.body.errors).toEqual([{ field, reason }]);
    }
  });

  it('refuses null for a field a PATCH cannot clear, and clears an optional risk rule', async () => {
    const bot = await createBot();
    for (const change of [
      { name: null },
      { symbol: null },
      { interval: null },
      { risk: { positionSizeQuote: null } },
      { paper: { feeRate: null } },
    ]) {
      const response = await testApp.http
        .patch(`/api/bots/${bot.id}`)
        .set(as(owner))
        .send(change)
        .expect(400);
      const [field, inner] = Object.entries(change)[0];
      const name = inner === null ? field : `${field}.${Object.keys(inner)[0]}`;
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([name]);
    }
    const cleared = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ risk: { stopLossPct: null } })
      .expect(200);
    expect(cleared.body).toMatchObject({
      name: bot.name,
      risk: { positionSizeQuote: '250.5', stopLossPct: null },
      paper: { feeRate: '0.001' },
    });
  });

  it('refuses to change what a running bot trades, or to delete it, but renames it', async () => {
    const bot = await createBot();
    await setStatus(bot.id, 'running');
    for (const change of [{ symbol: 'ETHUSDT' }, { interval: '4h' }, { mode: 'live' }]) {
      const response = await testApp.http
        .patch(`/api/bots/${bot.id}`)
        .set(as(owner))
        .send(change)
        .expect(409);
      expect(response.body.errors[0].field).toBe(Object.keys(change)[0]);
    }
    await testApp.http.delete(`/api/bots/${bot.id}`).set(as(owner)).expect(409);
    await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ name: 'still running' })
      .expect(200);
    await setStatus(bot.id, 'stopped');
    await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ symbol: 'ETHUSDT' })
      .expect(200);
  });

  it('edits a paper bot holding a credential at once, and the service stays healthy', async () => {
    const credentialId = await createCredential(owner);
    const bot = await createBot({ ...validBot(), credentialId });
    // The credential check once ran on a second connection under the bot's row lock.
    for (const change of [{ name: 'renamed with a key' }, { risk: { positionSizeQuote: '75' } }]) {
      const started = performance.now();
      const response = await testApp.http
        .patch(`/api/bots/${bot.id}`)
        .set(as(owner))
        .send(change)
        .timeout(1000)
        .expect(200);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(response.body).toMatchObject({ credentialId, ...change });
    }
    await testApp.http.get('/health').expect(200);
  });

  it('asks the exchange for the symbol when an edit makes a bot live, and refuses an unlisted one', async () => {
    const credentialId = await createCredential(owner);
    const bot = await createBot({ ...validBot(), credentialId });
    const live = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ mode: 'live' })
      .expect(200);
    expect(live.body).toMatchObject({ mode: 'live', symbol: 'BTCUSDT', credentialId });
    const unknown = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ symbol: 'DOGEUSDT' })
      .expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'symbol', reason: 'DOGEUSDT is not listed on the exchange' },
    ]);
    const missing = await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ credentialId: null })
      .expect(400);
    expect(missing.body.errors).toEqual([
      { field: 'credentialId', reason: 'is required for a live bot' },
    ]);
  });

  it("lets only the owner put a bot live on the owner's key, at an edit and at creation", async () => {
    const credentialId = await createCredential(owner);
    const second = await createCredential(owner);
    const bot = await createBot({ ...validBot(), credentialId });
    const admin = { token: adminToken };
    const asAdmin = (change: object) =>
      testApp.http.patch(`/api/bots/${bot.id}`).set(as(admin)).send(change);
    const message =
      "only the bot's owner may switch it to live or change the key a live bot trades on";

    expect((await asAdmin({ mode: 'live' }).expect(403)).body.message).toBe(message);
    const stored = () => testApp.http.get(`/api/bots/${bot.id}`).set(as(owner)).expect(200);
    expect((await stored()).body).toMatchObject({ mode: 'paper', credentialId });
    // An admin still edits what stays paper.
    await asAdmin({ name: 'renamed by an admin' }).expect(200);

    await testApp.http
      .patch(`/api/bots/${bot.id}`)
      .set(as(owner))
      .send({ mode: 'live' })
      .expect(200);
    // Live, the owner's key stays the owner's choice; other settings an admin may change.
    expect((await asAdmin({ credentialId: second }).expect(403)).body.message).toBe(message);
    await asAdmin({ risk: { positionSizeQuote: '20' } }).expect(200);
    expect((await stored()).body).toMatchObject({ mode: 'live', credentialId });

    // Creation makes the caller the owner: an admin cannot make a bot for someone else.
    const live = { ...validBot(), mode: 'live', credentialId };
    const forOwner = await testApp.http
      .post('/api/bots')
      .set(as(admin))
      .send({ ...live, userId: owner.id })
      .expect(400);
    expect(forOwner.body.errors).toEqual([{ field: 'userId', reason: expect.any(String) }]);
    const onOwnersKey = await testApp.http.post('/api/bots').set(as(admin)).send(live).expect(400);
    expect(onOwnersKey.body.errors).toEqual([
      { field: 'credentialId', reason: 'is not one of your credentials' },
    ]);
  });

  it('refuses to change the mode or symbol of a stopped bot holding a position or an order in flight, saying why', async () => {
    const credentialId = await createCredential(owner);
    const bot = await createBot({ ...validBot(), credentialId });
    const states = testApp.dataSource.getRepository(BotState);
    const patch = (change: object) =>
      testApp.http.patch(`/api/bots/${bot.id}`).set(as(owner)).send(change);
    // Live, it would sell the account's real coins; on another symbol, another asset.
    await states.update(
      { id: bot.id },
      { inPosition: true, positionQty: '0.01', entryPrice: '50000', entryCostQuote: '500' },
    );
    for (const change of [{ mode: 'live' }, { symbol: 'ETHUSDT' }]) {
      const refused = await patch(change).expect(409);
      const field = Object.keys(change)[0];
      expect(refused.body.message).toBe(
        `sell the position (start the bot, then stop it with closePosition) before changing ${field}`,
      );
      expect(refused.body.errors).toEqual([
        { field, reason: 'cannot change while the bot holds a position' },
      ]);
    }
    await patch({ name: 'still editable', interval: '4h' }).expect(200);

    await states.update({ id: bot.id }, { inPosition: false, pendingOrderId: randomUUID() });
    const inFlight = await patch({ symbol: 'ETHUSDT' }).expect(409);
    expect(inFlight.body.errors).toEqual([
      { field: 'symbol', reason: 'cannot change while an order of the bot is in flight' },
    ]);

    await states.update({ id: bot.id }, { pendingOrderId: null });
    const moved = await patch({ symbol: 'ETHUSDT', mode: 'live' }).expect(200);
    expect(moved.body).toMatchObject({ symbol: 'ETHUSDT', mode: 'live' });
  });

  it('gives a bot switched from live to paper fresh paper balances, and clears them on the way back', async () => {
    const credentialId = await createCredential(owner);
    const bot = await createBot({ ...validBot(), mode: 'live', credentialId });
    const states = testApp.dataSource.getRepository(BotState);
    const patch = (change: object) =>
      testApp.http.patch(`/api/bots/${bot.id}`).set(as(owner)).send(change).expect(200);
    const balances = async () =>
      (await testApp.http.get(`/api/bots/${bot.id}/state`).set(as(owner)).expect(200)).body
        .balances;
    const stored = async () => {
      const { quoteBalance, baseBalance } = await states.findOneByOrFail({ id: bot.id });
      return { quoteBalance, baseBalance };
    };
    expect(await stored()).toEqual({ quoteBalance: null, baseBalance: null });

    await patch({ mode: 'paper', paper: { initialBalanceQuote: '500' } });
    expect(await balances()).toEqual({ quote: '500', base: '0' });

    // What it made on paper is not carried into live, nor back again.
    await states.update({ id: bot.id }, { quoteBalance: '612.5', baseBalance: '0.001' });
    await patch({ mode: 'live' });
    expect(await stored()).toEqual({ quoteBalance: null, baseBalance: null });
    await patch({ mode: 'paper' });
    expect(await balances()).toEqual({ quote: '500', base: '0' });
  });

  const saveTrade = (botId: string, time: Date, pnl: string | null) =>
    testApp.dataSource.getRepository(Trade).save({
      botId,
      symbol: 'BTCUSDT',
      side: pnl === null ? 'BUY' : 'SELL',
      reason: 'signal',
      mode: 'paper',
      price: '100',
      qty: '1',
      quoteQty: '100',
      fee: '0.1',
      feeAsset: 'USDT',
      pnl,
      time,
    } as Trade);

  it("lists each bot with its state and realized pnl, and an overview of the user's own trades by UTC day", async () => {
    const user = await createUser(testApp.http, adminToken);
    const other = await createUser(testApp.http, adminToken);
    const [a, b] = [await createBot(validBot(), user), await createBot(validBot(), user)];
    const foreign = await createBot(validBot(), other);
    const day = (d: number, h: number) => new Date(Date.UTC(2026, 0, d, h));
    await saveTrade(a.id, day(1, 10), null);
    await saveTrade(a.id, day(1, 23), '1.25');
    await saveTrade(b.id, day(2, 0), '-0.5');
    await saveTrade(b.id, day(2, 1), '0.75');
    await saveTrade(foreign.id, day(2, 2), '100');
    await setStatus(b.id, 'paused');

    const list = await testApp.http.get('/api/bots').set(as(user)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: b.id,
        status: 'paused',
        state: expect.objectContaining({ botId: b.id, status: 'paused', realizedPnl: '0.25' }),
      }),
      expect.objectContaining({
        id: a.id,
        state: expect.objectContaining({
          botId: a.id,
          status: 'stopped',
          realizedPnl: '1.25',
          position: null,
          orderInFlight: false,
          balances: { quote: '10000', base: '0' },
        }),
      }),
    ]);

    const overview = await testApp.http.get('/api/overview').set(as(user)).expect(200);
    expect(overview.body.dailyPnl).toEqual([
      { day: '2026-01-01', pnl: '1.25', cumulativePnl: '1.25' },
      { day: '2026-01-02', pnl: '0.25', cumulativePnl: '1.5' },
    ]);
    const latest = overview.body.latestTrades;
    expect(latest.map((trade: { botId: string }) => trade.botId)).toEqual([b.id, b.id, a.id, a.id]);
    expect(latest[0]).toMatchObject({ botName: 'trend follower', pnl: '0.75', side: 'SELL' });
    await testApp.http.get('/api/overview').expect(401);
  });

  it('pages trades newest first with the total', async () => {
    const bot = await createBot();
    const trades = testApp.dataSource.getRepository(Trade);
    for (let i = 0; i < 5; i++) {
      await trades.save({
        botId: bot.id,
        symbol: 'BTCUSDT',
        side: i % 2 === 0 ? 'BUY' : 'SELL',
        reason: 'signal',
        mode: 'paper',
        price: String(100 + i),
        qty: '1',
        quoteQty: String(100 + i),
        fee: '0.1',
        feeAsset: 'USDT',
        pnl: i % 2 === 0 ? null : '1.5',
        time: new Date(Date.UTC(2026, 0, 1, i)),
      } as Trade);
    }
    const page = await testApp.http
      .get(`/api/bots/${bot.id}/trades?limit=2&offset=1`)
      .set(as(owner))
      .expect(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.body.items.map((trade: { price: string }) => trade.price)).toEqual(['103', '102']);
    const bad = await testApp.http
      .get(`/api/bots/${bot.id}/trades?limit=0`)
      .set(as(owner))
      .expect(400);
    expect(bad.body.errors[0].field).toBe('limit');
    const far = await testApp.http
      .get(`/api/bots/${bot.id}/trades?offset=99999999999999999999`)
      .set(as(owner))
      .expect(400);
    expect(far.body.errors).toEqual([{ field: 'offset', reason: 'must be at most 1000000000' }]);
  });
});
