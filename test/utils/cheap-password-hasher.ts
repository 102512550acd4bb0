import { argon2id, hash } from 'argon2';
import { PasswordHasher } from '../../src/users/passwords';

/**
 * argon2id at 1 MiB and one pass instead of 64 MiB and three (verify reads the cost from the
 * hash): the e2e specs sign in thousands of times, and the production cost is CPU they share.
 */
export class CheapPasswordHasher extends PasswordHasher {
  override hash(password: string): Promise<string> {
    return hash(password, { type: argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  }
}
