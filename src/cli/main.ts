#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from './cli-program';

// Built as dist/src/cli/main.js: the installation it belongs to is three folders up.
const defaultRoot = resolve(__dirname, '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(defaultRoot, 'package.json'), 'utf8')) as {
  version: string;
};

void runCli(
  process.argv,
  {
    defaultRoot,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    exitCode: 0,
  },
  version,
).then((code) => {
  process.exitCode = code;
});
