import {
  createDefaultServer,
  DEFAULT_SYMBOLS,
  DEMO_API_KEY,
  DEMO_API_SECRET,
} from './default-universe';

/** `--name value` or `--name=value`, else the environment variable, else the default. */
function option(name: string, env: string, fallback: string): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}` && args[i + 1] !== undefined) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return process.env[env] ?? fallback;
}

async function main(): Promise<void> {
  const port = Number(option('port', 'FAKE_BINANCE_PORT', '9090'));
  const seed = option('seed', 'FAKE_BINANCE_SEED', '1');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad port: ${port}`);

  const server = createDefaultServer(seed);
  const baseURL = await server.start(port);
  console.log(`Fake Binance Spot REST listening on ${baseURL} (seed ${seed})`);
  console.log(`  API key:    ${DEMO_API_KEY}`);
  console.log(`  API secret: ${DEMO_API_SECRET}`);
  for (const { symbol } of DEFAULT_SYMBOLS) console.log(`  ${symbol}  ${server.price(symbol)}`);

  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
