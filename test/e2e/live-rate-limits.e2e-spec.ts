import type { Spot } from '@binance/connector';
import { CredentialsService } from '../../src/credentials/credentials.service';
import type { ExchangeClient } from '../../src/exchange/exchange-client.interface';
import {
  LIVE_EXCHANGE_FACTORY,
  type LiveExchangeFactory,
} from '../../src/exchange/live-exchange-factory';
import { UserRole } from '../../src/kernel/user-role';
import { spotClient } from '../fake-binance/connector-client';
import { FakeBinanceServer } from '../fake-binance/fake-binance-server';
import type { RecordedRequest } from '../fake-binance/fake-binance.types';
import { testOptions } from '../fake-binance/test-universe';
import { insertUser } from '../factories/bot.factory';
import { createTestApp, type TestApp } from '../utils/test-app';
import { accountsOf, LIVE_ENV, liveAccount, MINUTE, sleep, SYMBOL } from './live-harness';

const WEIGHT_LIMIT = 100;
const BAN_MS = 5000;
const INTRUDER = 'intruder-key';
// Room for a request admitted just before the refusal to reach the fake on a loaded CI machine.
const IN_FLIGHT_MS = 250;

/**
 * Two workers (two apps on one Redis) trading on one IP with another tool that does not
 * share their budget. The tool spends the IP's weight and earns it a ban; the workers get a
 * 429, then a 418, and send nothing to the exchange until each Retry-After has passed.
 */
describe('live requests under Binance rate limits, shared by all workers', () => {
  const account = liveAccount();
  // The exchange's clock is moved to just before a minute ends, so the 429's Retry-After
  // (the rest of the weight minute) is a few seconds, not up to sixty.
  let shift = 0;
  let fake: FakeBinanceServer;
  let workers: TestApp[];
  let intruder: Spot;

  beforeAll(async () => {
    fake = new FakeBinanceServer(
      testOptions({
        accounts: accountsOf(account),
        now: () => Date.now() + shift,
        weightLimit: WEIGHT_LIMIT,
        banAfterRequests: 1,
        banMs: BAN_MS,
      }),
    );
    await fake.start();
    const env = { ...LIVE_ENV, BINANCE_BASE_URL: fake.baseURL };
    workers = [await createTestApp(env), await createTestApp(env)];
    intruder = spotClient(fake.baseURL, INTRUDER);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await fake.stop();
  });

  async function clientsFor(): Promise<ExchangeClient[]> {
    const [first] = workers;
    const user = await insertUser(first.dataSource);
    const credential = await first.app
      .get(CredentialsService)
      .create(
        { id: user.id, email: user.email, role: UserRole.User },
        { label: 'fake binance', apiKey: account.apiKey, apiSecret: account.secret },
      );
    return Promise.all(
      workers.map((worker) =>
        worker.app.get<LiveExchangeFactory>(LIVE_EXCHANGE_FACTORY).forCredential(credential.id),
      ),
    );
  }

  async function until(probe: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  }

  it('waits out a 429 and then a 418 in every worker, and places the order once', async () => {
    const [first, second] = await clientsFor();
    shift = (56_500 - (Date.now() % MINUTE) + MINUTE) % MINUTE;
    while (fake.usedWeight() + 2 <= WEIGHT_LIMIT) await intruder.klines(SYMBOL, '1m', { limit: 1 });
    const ours = () => fake.requests.filter((r) => r.apiKey !== INTRUDER);

    const placing = first.placeMarketOrder({
      clientOrderId: 'rate-limited-1',
      symbol: SYMBOL,
      side: 'BUY',
      qty: '0.001',
      refPrice: '50000',
    });
    await until(() => ours().some((r) => r.status === 429), 'the 429');
    // The other tool keeps sending while limited: the exchange bans the IP.
    await intruder.time().catch(() => undefined);
    const banStart = fake.requests.find((r) => r.apiKey === INTRUDER && r.status === 418)!.time;
    // The second worker asks during the ban: it must wait, too.
    const looking = second.findOrder(SYMBOL, 'rate-limited-1');

    const placed = await placing;
    expect(placed.status).toBe('filled');
    expect(['filled', 'absent']).toContain((await looking).status);
    expect(fake.orders(account.apiKey).map((o) => o.clientOrderId)).toEqual(['rate-limited-1']);

    const statuses = ours().map((r) => r.status);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf(418)).toBeGreaterThan(statuses.indexOf(429));
    for (const refused of ours().filter((r) => r.status === 429 || r.status === 418)) {
      const heldUntil = refused.time + retryAfterSeconds(refused, banStart) * 1000;
      // Requests already on the wire when the refusal came (both workers are released by the
      // same earlier hold) arrive within a few ms; nothing may be sent after it.
      const sentAfter = refused.time + IN_FLIGHT_MS;
      const during = ours().filter((r) => r.time > sentAfter && r.time < heldUntil);
      expect(during).toEqual([]);
    }
  }, 30_000);
});

/** The Retry-After the fake answered: the rest of the minute on a 429, of the ban on a 418. */
function retryAfterSeconds(refused: RecordedRequest, banStart: number): number {
  const end =
    refused.status === 429
      ? Math.floor(refused.time / MINUTE) * MINUTE + MINUTE
      : banStart + BAN_MS;
  return Math.ceil((end - refused.time) / 1000);
}
