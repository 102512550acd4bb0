import { BotState } from '../../src/database/entities/bot-state.entity';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import { testOptions } from '../fake-binance/test-universe';
import { walkRows } from '../factories/candle-rows';
import { CapturedLogs } from '../utils/captured-logs';
import { LONG_TESTS } from '../utils/long-tests';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';
import { waitFor } from '../utils/wait-for';
import { Receiver } from '../e2e/notifications-harness';

const BOTS = 20;
const CLIENTS = 20;
/**
 * A minute under `npm run test:long`, as the issue asks; 20 s in `npm test`, still twenty
 * candles a bot and hundreds of requests. TRADEBOT_SOAK_MS sets it for a local run.
 */
const SOAK_MS = Number(process.env.TRADEBOT_SOAK_MS ?? (LONG_TESTS ? 60_000 : 20_000));
/** The run itself, plus creating the bots before it and the checks after it. */
const SOAK_TEST_TIMEOUT_MS = SOAK_MS + 120_000;
const PARAMS = { emaFast: 2, emaSlow: 4, rsiPeriod: 2, rsiOverbought: 99.99, rsiOversold: 0.01 };
const BACKTEST_ROWS = walkRows(Date.UTC(2026, 0, 1), 2_000);
/** What a database shared badly between connections says, or a pool run dry. */
const PROTOCOL_ERRORS =
  /bind message|prepared statement|Connection terminated|connection timeout|timeout exceeded when trying to connect|deadlock detected|already executing a query/i;

describe('20 paper bots on 1s candles while 20 clients edit, test channels and backtest', () => {
  let exchange: FakeBinanceServer;
  let receiver: Receiver;
  let logs: CapturedLogs;
  let testApp: TestApp;

  beforeAll(async () => {
    exchange = new FakeBinanceServer(testOptions());
    // A 12-second sine: the bots buy and sell all through the run, under the same locks.
    exchange.setPricePath(
      'BTCUSDT',
      (step) => 50_000 * (1 + 0.01 * Math.sin((2 * Math.PI * step) / 12)),
      { interval: '1s' },
    );
    receiver = await new Receiver().start();
    logs = new CapturedLogs().captureStreams();
    testApp = await createTestApp(
      // The receiver is on loopback, which webhooks reach only with this opt-in.
      {
        BINANCE_BASE_URL: await exchange.start(),
        CRON_ENABLED: 'true',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        // Every client may be backtesting at once: this run is about ticking under load, not
        // about the 429 past the backtest queue or a user's limits, which
        // backtests.e2e-spec.ts and request-limits.e2e-spec.ts test.
        BACKTEST_QUEUE: String(CLIENTS),
        BACKTESTS_PER_USER: String(CLIENTS),
        NOTIFICATION_TESTS_PER_MINUTE: '1000',
      },
      { logger: logs },
    );
  });

  afterAll(async () => {
    await testApp.close();
    logs.restore();
    await receiver.stop();
    await exchange.stop();
  });

  it(
    'answers no 5xx, logs no protocol error, and every bot ticks all along',
    async () => {
      const { http, dataSource } = testApp;
      const user = await createUser(http, await adminLogin(http));
      const auth = { Authorization: `Bearer ${user.token}` };
      const credential = await http
        .post('/api/credentials')
        .set(auth)
        .send({ label: 'soak', apiKey: 'k'.repeat(64), apiSecret: 's'.repeat(64) })
        .expect(201);
      const botIds: string[] = [];
      for (let i = 0; i < BOTS; i++) {
        const created = await http
          .post('/api/bots')
          .set(auth)
          .send({
            name: `soak ${i}`,
            symbol: 'BTCUSDT',
            interval: '1s',
            mode: 'paper',
            credentialId: credential.body.id,
            strategy: 'ema-rsi',
            strategyParams: PARAMS,
            risk: { positionSizeQuote: '100' },
          })
          .expect(201);
        botIds.push(created.body.id);
        await http.post(`/api/bots/${created.body.id}/start`).set(auth).expect(202);
      }
      const channel = await http
        .post('/api/notification-channels')
        .set(auth)
        .send({ type: 'webhook', url: receiver.url })
        .expect(201);
      const lastSlots = async () =>
        new Map(
          (await dataSource.getRepository(BotState).findBy(botIds.map((id) => ({ id })))).map(
            (state) => [state.id, state.lastSlot === null ? null : Number(state.lastSlot)],
          ),
        );
      await waitFor(async () => {
        const slots = await lastSlots();
        return [...slots.values()].every((slot) => slot !== null) ? true : undefined;
      }, 'every bot to tick once');
      const before = await lastSlots();

      const serverErrors: string[] = [];
      let requests = 0;
      let backtestsRun = 0;
      const deadline = Date.now() + SOAK_MS;
      const client = async (index: number) => {
        for (let round = 0; Date.now() < deadline; round++) {
          const botId = botIds[(index + round) % BOTS]!;
          const action = (index + round) % 3;
          const label = ['PATCH bot', 'POST channel test', 'POST backtest'][action]!;
          const response =
            action === 0
              ? await http
                  .patch(`/api/bots/${botId}`)
                  .set(auth)
                  .send({ name: `soak ${index}.${round}`, risk: { positionSizeQuote: '100' } })
              : action === 1
                ? await http.post(`/api/notification-channels/${channel.body.id}/test`).set(auth)
                : await http
                    .post('/api/backtests')
                    .set(auth)
                    .send({
                      strategy: 'ema-rsi',
                      risk: { positionSizeQuote: '100' },
                      candles: BACKTEST_ROWS,
                    });
          requests++;
          if (response.status >= 500) {
            serverErrors.push(`${label}: ${response.status} ${response.text}`);
          } else if (action !== 0 && response.status === 429) {
            // More backtests than places, or tests than a minute's limit: the caller is told
            // when to come back.
            expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
          } else {
            expect([200, 201, 202]).toContain(response.status);
            if (action === 2) backtestsRun++;
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
      const after = await lastSlots();

      expect(serverErrors).toEqual([]);
      expect(backtestsRun).toBeGreaterThan(CLIENTS);
      // Enough traffic to mean something: several requests a second from each client.
      expect(requests).toBeGreaterThan(CLIENTS * (SOAK_MS / 1000));
      expect(
        logs
          .text()
          .split('\n')
          .filter((line) => PROTOCOL_ERRORS.test(line)),
      ).toEqual([]);
      for (const id of botIds) {
        // Ticking all along, not only at the start: at least half the run's candles later.
        expect(after.get(id)! - before.get(id)!).toBeGreaterThanOrEqual(SOAK_MS / 2);
      }
      expect((await http.get('/health')).status).toBe(200);
    },
    SOAK_TEST_TIMEOUT_MS,
  );
});
