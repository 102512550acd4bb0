import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, freePort, startAppProcess } from '../embedded/app-process';
import { TEST_CREDENTIALS_KEY } from '../utils/test-app';
import {
  itOn,
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  TEST_REDIS_URL,
  testQueuePrefix,
  testTarget,
  throwawayDatabaseUrl,
} from '../utils/test-env';
import {
  malformedRequests,
  rawGet,
  type RawOutcome,
  requestLine,
  sendRaw,
} from '../utils/raw-http';

const METRICS_TOKEN = `metrics-e2e-${randomUUID()}`;
const START_TIMEOUT_MS = 120_000;

interface Probe {
  request: string;
  outcome: RawOutcome;
  /** The status of a good request sent right after, or 'down' if none came. */
  afterwards: number | 'down';
}

/**
 * Every HTTP server of the production entry point (src/main.ts, as a process: the API with
 * Bull Board mounted in it, and /metrics on METRICS_PORT as a worker serves it) gets request
 * lines no client would send. Each is refused (a 4xx or a closed connection) and the process
 * answers the next good request: a crash would show as a refused connection.
 */
describe('malformed request lines, against the running process', () => {
  let app: AppProcess;
  let dataDir: string;
  let metricsPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tradebot-malformed-'));
    metricsPort = await freePort();
    app = await startAppProcess(dataDir, {
      env: {
        DATABASE_URL: throwawayDatabaseUrl(),
        ...(testTarget() === 'scale-out'
          ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix() }
          : {}),
        JWT_SECRET: `malformed-e2e-jwt-secret-${randomUUID()}`,
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        METRICS_TOKEN,
        METRICS_PORT: String(metricsPort),
      },
    });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends each request, then a good one, in turn: a crash fails the probe that caused it. */
  const probe = async (
    port: number,
    requests: string[],
    good: () => Promise<number>,
  ): Promise<Probe[]> => {
    const probes: Probe[] = [];
    for (const request of requests) {
      const outcome = await sendRaw(port, request);
      const afterwards = await good().catch(() => 'down' as const);
      probes.push({ request: requestLine(request), outcome, afterwards });
    }
    return probes;
  };
  const refusedAndServedOn = ({ outcome, afterwards }: Probe) =>
    (outcome === 'closed' || (typeof outcome === 'number' && outcome >= 400 && outcome < 500)) &&
    afterwards === 200;

  it('the API server refuses each and keeps answering', async () => {
    const probes = await probe(
      app.port,
      malformedRequests(),
      async () => (await app.get('/health')).status,
    );
    expect(probes.filter((p) => !refusedAndServedOn(p))).toEqual([]);
  });

  it('the metrics port refuses each and keeps answering, with or without the scraper token', async () => {
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      await response.arrayBuffer();
      return response.status;
    };
    const requests = [
      ...malformedRequests(),
      ...malformedRequests({ authorization: `Bearer ${METRICS_TOKEN}` }).filter(
        // The absolute form of /metrics with the token is a good request.
        (request) => !request.startsWith('GET http://evil.example/metrics '),
      ),
    ];
    const probes = await probe(metricsPort, requests, scrape);
    expect(probes.filter((p) => !refusedAndServedOn(p))).toEqual([]);
    expect(await sendRaw(metricsPort, rawGet('/%zz'))).toBe(400);
    expect(await sendRaw(metricsPort, rawGet('//['))).toBe(400);
  });

  // Bull Board is mounted where Bull runs the jobs.
  itOn('scale-out')(
    'Bull Board, behind an admin token, refuses each and keeps answering',
    async () => {
      const token = await app.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
      const board = '/admin/queues';
      const requests = [
        `${board}//[`,
        `${board}/%zz`,
        `${board}/queue/%zz`,
        `${board}/api/queues/%zz/%zz`,
        `http://evil.example${board}/queue/%zz`,
        `${board}/${'a'.repeat(10_240)}`,
      ].map((target) => rawGet(target, { authorization: `Bearer ${token}` }));
      const open = async () => {
        const response = await fetch(`http://127.0.0.1:${app.port}${board}/api/queues`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        return response.status;
      };
      expect(await open()).toBe(200);
      const probes = await probe(app.port, requests, open);
      expect(probes.filter((p) => !refusedAndServedOn(p))).toEqual([]);
    },
  );
});
