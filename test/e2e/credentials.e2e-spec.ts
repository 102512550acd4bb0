import { randomBytes, randomUUID } from 'node:crypto';
import { BotMode, BotStatus } from '../../src/kernel/bot.enums';
import { BotConfig } from '../../src/database/entities/bot-config.entity';
import { BotState } from '../../src/database/entities/bot-state.entity';
import { CredentialDecryptionError } from '../../src/credentials/credential-cipher';
import { CredentialsService } from '../../src/credentials/credentials.service';
import { CapturedLogs } from '../utils/captured-logs';
import { adminLogin, createTestApp, createUser, type TestApp } from '../utils/test-app';

/** Realistic Binance-shaped values: 64 alphanumerics, unique per call. */
function apiToken(): string {
  return randomBytes(48)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 64);
}

describe('credentials', () => {
  let testApp: TestApp;
  let http: TestApp['http'];
  let adminToken: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const logs = new CapturedLogs();
  /** Every key and secret sent in this file: none may come back or reach a log. */
  const secrets: string[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({}, { logger: logs });
    http = testApp.http;
    adminToken = await adminLogin(http);
    alice = await createUser(http, adminToken);
    bob = await createUser(http, adminToken);
    logs.captureStreams();
  });

  afterAll(async () => {
    logs.restore();
    await testApp.close();
  });

  const as = (token: string) => ({
    get: (path: string) => http.get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => http.post(path).set('Authorization', `Bearer ${token}`),
    delete: (path: string) => http.delete(path).set('Authorization', `Bearer ${token}`),
  });

  /** Fails the test if a response's raw text carries any key or secret sent so far. */
  function expectNoSecrets(text: string) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  async function createCredential(token: string, testnet?: boolean) {
    const apiKey = apiToken();
    const apiSecret = apiToken();
    secrets.push(apiKey, apiSecret);
    const response = await as(token)
      .post('/api/credentials')
      .send({ label: 'Binance main', apiKey, apiSecret, ...(testnet ? { testnet } : {}) })
      .expect(201);
    expectNoSecrets(response.text);
    return { id: response.body.id as string, apiKey, apiSecret, body: response.body };
  }

  async function insertBot(userId: string, credentialId: string, mode: BotMode) {
    const bot = await testApp.dataSource.getRepository(BotConfig).save({
      userId,
      name: `${mode} bot`,
      symbol: 'BTCUSDT',
      interval: '1h',
      mode,
      credentialId,
      strategy: 'ema-rsi',
      strategyParams: {},
      positionSizeQuote: '100',
      paperInitialBalanceQuote: '1000',
      paperFeeRate: '0.001',
      paperSlippageBps: '5',
    });
    await testApp.dataSource
      .getRepository(BotState)
      .insert({ id: bot.id, status: BotStatus.Running });
    return bot.id;
  }

  it('POST stores a credential and answers with the hint only', async () => {
    const { apiKey, body } = await createCredential(alice.token, true);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: alice.id,
      label: 'Binance main',
      apiKeyHint: `${apiKey.slice(0, 4)}...${apiKey.slice(-4)}`,
      testnet: true,
      createdAt: expect.any(String),
    });
  });

  it('keeps key and secret encrypted in the database, bound to their row', async () => {
    const { id, apiKey, apiSecret } = await createCredential(alice.token);
    const [row] = await testApp.dataSource.query('SELECT * FROM api_credential WHERE id = $1', [
      id,
    ]);
    for (const value of Object.values(row)) {
      expect(String(value)).not.toContain(apiKey);
      expect(String(value)).not.toContain(apiSecret);
    }
    expect(row.api_key_encrypted).toMatch(/^v1:/);
    expect(row.api_secret_encrypted).toMatch(/^v1:/);

    const service = testApp.app.get(CredentialsService);
    await expect(service.decryptForUse(id)).resolves.toEqual({ apiKey, apiSecret, testnet: false });

    // Ciphertexts moved between fields (or rows) no longer decrypt.
    await testApp.dataSource.query(
      'UPDATE api_credential SET api_key_encrypted = api_secret_encrypted WHERE id = $1',
      [id],
    );
    await expect(service.decryptForUse(id)).rejects.toThrow(CredentialDecryptionError);
  });

  it('GET lists only your own credentials; admins may list all', async () => {
    const mine = await createCredential(bob.token);
    const aliceList = await as(alice.token).get('/api/credentials').expect(200);
    expectNoSecrets(aliceList.text);
    expect(aliceList.body.length).toBeGreaterThan(0);
    expect(aliceList.body.every((c: { userId: string }) => c.userId === alice.id)).toBe(true);

    const bobList = await as(bob.token).get('/api/credentials').expect(200);
    expect(bobList.body.map((c: { id: string }) => c.id)).toEqual([mine.id]);

    await as(bob.token).get('/api/credentials?all=true').expect(403);
    const everyone = await as(adminToken).get('/api/credentials?all=true').expect(200);
    expectNoSecrets(everyone.text);
    const owners = new Set(everyone.body.map((c: { userId: string }) => c.userId));
    expect([...owners]).toEqual(expect.arrayContaining([alice.id, bob.id]));
    const adminOwn = await as(adminToken).get('/api/credentials').expect(200);
    expect(adminOwn.body.map((c: { id: string }) => c.id)).not.toContain(mine.id);
    await as(adminToken).get('/api/credentials?all=maybe').expect(400);
  });

  it("DELETE answers 404 for another user's credential, even to an admin", async () => {
    const { id } = await createCredential(alice.token);
    const forBob = await as(bob.token).delete(`/api/credentials/${id}`).expect(404);
    expect(forBob.body).toMatchObject({ statusCode: 404, message: 'credential not found' });
    await as(adminToken).delete(`/api/credentials/${id}`).expect(404);
    await as(bob.token).delete(`/api/credentials/${randomUUID()}`).expect(404);
    await as(alice.token).delete(`/api/credentials/${id}`).expect(204);
    await as(alice.token).delete(`/api/credentials/${id}`).expect(404);
  });

  it('DELETE answers 400 naming id when it is not a UUID', async () => {
    const response = await as(alice.token).delete('/api/credentials/not-a-uuid').expect(400);
    expect(response.body).toMatchObject({
      message: 'id must be a UUID',
      errors: [{ field: 'id', reason: 'must be a UUID' }],
    });
  });

  it('DELETE answers 409 while a live bot (or any bot) uses the credential', async () => {
    const { id } = await createCredential(alice.token);
    const liveBot = await insertBot(alice.id, id, BotMode.Live);
    const live = await as(alice.token).delete(`/api/credentials/${id}`).expect(409);
    expect(live.body.message).toMatch(/live bot/);
    expect(live.body.message).toContain(liveBot);

    await testApp.dataSource.getRepository(BotConfig).update(liveBot, { mode: BotMode.Paper });
    const paper = await as(alice.token).delete(`/api/credentials/${id}`).expect(409);
    expect(paper.body.message).toMatch(/referenced by bot/);

    await testApp.dataSource.getRepository(BotConfig).delete(liveBot);
    await as(alice.token).delete(`/api/credentials/${id}`).expect(204);
  });

  it('names the invalid field without echoing its value', async () => {
    const valid = { label: 'x', apiKey: apiToken(), apiSecret: apiToken() };
    const withSpace = `${apiToken().slice(0, 20)} ${apiToken().slice(0, 20)}`;
    const tooShort = apiToken().slice(0, 12);
    const tooLong = apiToken().repeat(3);
    secrets.push(valid.apiKey, valid.apiSecret, withSpace, tooShort, tooLong);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, apiSecret: withSpace }, 'apiSecret'],
      [{ ...valid, apiKey: tooShort }, 'apiKey'],
      [{ ...valid, apiSecret: tooLong }, 'apiSecret'],
      [{ ...valid, apiKey: 1234567890123456 }, 'apiKey'],
      [{ ...valid, label: '' }, 'label'],
      [{ ...valid, testnet: 'yes' }, 'testnet'],
      [{ ...valid, userId: bob.id }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const response = await as(alice.token).post('/api/credentials').send(body).expect(400);
      expect(response.body.errors).toEqual([{ field, reason: expect.any(String) }]);
      expectNoSecrets(response.text);
      expect(response.text).not.toContain('1234567890123456');
    }
  });

  it('needs a token on every route', async () => {
    await http.get('/api/credentials').expect(401);
    await http.post('/api/credentials').send({}).expect(401);
    await http.delete(`/api/credentials/${randomUUID()}`).expect(401);
  });

  it('never writes a key or a secret to the logs', () => {
    // The capture works: it holds the app's own start-up lines.
    expect(logs.text()).toContain('CredentialsController');
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(logs.text()).not.toContain(secret);
  });
});
