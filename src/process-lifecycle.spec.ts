import { spawnSync } from 'node:child_process';

/**
 * In a process of its own: Jest catches rejections itself, and the point is whether Node
 * ends the process, as it does by default since Node 15.
 */
function runWithHandler(rejection: string): { status: number | null; output: string } {
  const script = `
    const { keepServingOnUnhandledRejection } = require('./src/process-lifecycle');
    keepServingOnUnhandledRejection();
    void Promise.reject(${rejection});
    setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
  `;
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('keepServingOnUnhandledRejection', () => {
  it('logs a rejection no one handled, with its stack, and keeps the process', () => {
    const { status, output } = runWithHandler("new Error('lost lookup')");
    expect(status).toBe(0);
    expect(output).toContain('unhandled rejection, still serving: lost lookup');
    expect(output).toMatch(/at .*\[eval\]/);
    expect(output).toContain('still serving');
  });

  it('names a rejection that is no Error', () => {
    const { status, output } = runWithHandler("'a string'");
    expect(status).toBe(0);
    expect(output).toContain('non-error rejection: a string');
  });

  it('ends the process on an error that is fatal by design', () => {
    const { status, output } = runWithHandler(
      "Object.assign(new Error('data dir gone'), { fatal: true })",
    );
    expect(status).toBe(1);
    expect(output).toContain('unhandled rejection (fatal: exiting): data dir gone');
    expect(output).not.toContain('still serving\n');
  });
});
