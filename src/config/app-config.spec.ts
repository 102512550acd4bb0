import { InvalidEnvironmentError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.cronEnabled).toBe(true);
  });

  it('lists every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvironmentError);
    const problems = (caught as InvalidEnvironmentError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(problems).toMatch(/JWT_SECRET: must be at least 32 characters/);
  });

  it('parses booleans and lower-cases the admin email', () => {
    const config = loadConfig({ CRON_ENABLED: 'false', ADMIN_EMAIL: 'Boss@Example.com' });
    expect(config.cronEnabled).toBe(false);
    expect(config.adminEmail).toBe('boss@example.com');
  });
});
