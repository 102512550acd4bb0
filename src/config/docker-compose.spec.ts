import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from './app-config';

/**
 * docker/docker-compose.yml sets this app's environment. Docker may not run where the tests
 * do, so the file is read as compose reads it: YAML, then `${VAR:?message}` and `${VAR:-x}`.
 */
const COMPOSE = join(process.cwd(), 'docker/docker-compose.yml');
const NEW_ENV = join(process.cwd(), 'docker/new-env.sh');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
}

const services = () =>
  (load(readFileSync(COMPOSE, 'utf8')) as { services: Record<string, Service> }).services;

/** Compose's interpolation of the forms the file uses; a `:?` variable unset throws. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, form, word) => {
    const value = env[name];
    if (value) return value;
    if (form === '?') throw new Error(`${name}: ${word}`);
    return form === '-' ? word : '';
  });
}

/** A fresh docker/.env as new-env.sh writes it, in a folder of its own. */
function newEnv(existing?: string): { env: Record<string, string>; file: string } {
  const folder = mkdtempSync(join(tmpdir(), 'compose-env-'));
  copyFileSync(NEW_ENV, join(folder, 'new-env.sh'));
  const file = join(folder, '.env');
  if (existing !== undefined) writeFileSync(file, existing, { mode: 0o600 });
  execFileSync('sh', [join(folder, 'new-env.sh')], { stdio: 'pipe' });
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return { env: Object.fromEntries(lines.map((line) => line.split('=', 2))), file };
}

describe('docker/docker-compose.yml', () => {
  it('takes every password, secret and key from the environment, with no default', () => {
    const secret = /PASSWORD|SECRET|KEY|AUTH|_URL$/;
    const checked: string[] = [];
    for (const [name, service] of Object.entries(services())) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        // Empty, the app makes the admin a password and logs it once.
        if (!secret.test(variable) || variable === 'ADMIN_PASSWORD') continue;
        if (variable === 'BINANCE_BASE_URL') continue;
        checked.push(`${name}.${variable}`);
        expect(() => interpolate(value, {})).toThrow(/docker\/new-env\.sh|set /);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'postgres.POSTGRES_PASSWORD',
        'redis.REDISCLI_AUTH',
        'api.DATABASE_URL',
        'api.REDIS_URL',
        'api.JWT_SECRET',
        'api.CREDENTIALS_KEY',
        'worker.DATABASE_URL',
        'worker.REDIS_URL',
      ]),
    );
  });

  it('runs Redis with requirepass, and gives the app URLs that carry both passwords', () => {
    const { env } = newEnv();
    const { postgres, redis, api, worker } = services();
    expect(interpolate(postgres!.environment!.POSTGRES_PASSWORD!, env)).toBe(env.POSTGRES_PASSWORD);
    const command = redis!.command!.map((arg) => interpolate(arg, env));
    expect(command[command.indexOf('--requirepass') + 1]).toBe(env.REDIS_PASSWORD);
    expect(interpolate(redis!.environment!.REDISCLI_AUTH!, env)).toBe(env.REDIS_PASSWORD);

    for (const app of [api!, worker!]) {
      const appEnv = Object.fromEntries(
        Object.entries(app.environment!).map(([name, value]) => [name, interpolate(value, env)]),
      );
      const database = new URL(appEnv.DATABASE_URL!);
      expect([database.username, database.password, database.host]).toEqual([
        'tradebot',
        env.POSTGRES_PASSWORD,
        'postgres:5432',
      ]);
      const queue = new URL(appEnv.REDIS_URL!);
      expect([queue.password, queue.host]).toEqual([env.REDIS_PASSWORD, 'redis:6379']);
      // The app itself accepts the environment that results.
      expect(() => loadConfig(appEnv)).not.toThrow();
    }
  });
});

describe('docker/Dockerfile', () => {
  it('binds every interface in the image, where the app alone binds loopback', () => {
    const dockerfile = readFileSync(join(process.cwd(), 'docker/Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^ENV HOST=0\.0\.0\.0$/m);
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });
});

describe('docker/new-env.sh', () => {
  it('writes random hex secrets into a 0600 .env', () => {
    const first = newEnv();
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(Object.keys(first.env).sort()).toEqual([
      'CREDENTIALS_KEY',
      'JWT_SECRET',
      'POSTGRES_PASSWORD',
      'REDIS_PASSWORD',
    ]);
    expect(first.env.POSTGRES_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(first.env.REDIS_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(first.env.CREDENTIALS_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(first.env.JWT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(newEnv().env.REDIS_PASSWORD).not.toBe(first.env.REDIS_PASSWORD);
  });

  it('keeps every value already in .env and adds only the missing ones', () => {
    const jwt = 'j'.repeat(40);
    const { env } = newEnv(`JWT_SECRET=${jwt}\nPOSTGRES_PASSWORD=kept`);
    expect(env.JWT_SECRET).toBe(jwt);
    expect(env.POSTGRES_PASSWORD).toBe('kept');
    expect(env.REDIS_PASSWORD).toMatch(/^[0-9a-f]{48}$/);
    expect(env.CREDENTIALS_KEY).toMatch(/^[0-9a-f]{64}$/);
  });
});
