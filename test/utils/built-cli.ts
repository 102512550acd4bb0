import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Jest runs from the project root (ESM tests have no __dirname).
const ROOT = process.cwd();
export const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/**
 * Builds when dist/src/cli is older than src/cli, so the specs run the CLI as users do,
 * from dist. It compiles with tsconfig.build.json, which is what `nest build` runs, but
 * without nest-cli.json's deleteOutDir: emptying dist would take the dashboard's build and
 * the start stamps away from everyone else using this working tree. Declaration files emit
 * nothing, so the API types (generated here first, as `npm run build:server` does) don't count.
 */
export function ensureBuiltCli(): void {
  const newestSource = Math.max(
    ...readdirSync(join(ROOT, 'src', 'cli'), { recursive: true, withFileTypes: true })
      .filter(
        (entry) =>
          entry.isFile() && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts'),
      )
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestSource) return;
  const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);
  execFileSync(bin('openapi-typescript'), ['openapi.json', '-o', 'src/cli/api/schema.d.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tradebotctl (by default the built one) as a child process, stdin given or empty. */
export function runCli(
  args: readonly string[],
  options: { cli?: string; env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.cli ?? BUILT_CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
