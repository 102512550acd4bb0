import { rmSync } from 'node:fs';

export default async function embeddedGlobalTeardown(): Promise<void> {
  const started = globalThis.tradebotEmbeddedServer;
  if (!started) return;
  await started.stop();
  rmSync(started.dataDir, { recursive: true, force: true });
}
