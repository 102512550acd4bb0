import { CliError } from '../cli-error';
import { isBotId, resolveBot } from './bot-ref';

const bots = [
  { id: '5f0c1e9a-1111-4aaa-8bbb-000000000001', name: 'btc scalper' },
  { id: '5f0c2b77-2222-4aaa-8bbb-000000000002', name: 'eth swing' },
  { id: '9a31d2c0-3333-4aaa-8bbb-000000000003', name: '5f0c' },
];

function failure(ref: string, list = bots): CliError {
  try {
    resolveBot(ref, list);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`${ref} resolved`);
}

describe('resolveBot', () => {
  it('finds a bot by its exact name or by a unique id prefix, in any case', () => {
    expect(resolveBot('eth swing', bots)).toBe(bots[1]);
    expect(resolveBot('5f0c1', bots)).toBe(bots[0]);
    expect(resolveBot('5F0C2B', bots)).toBe(bots[1]);
    expect(resolveBot(bots[2].id.toUpperCase(), bots)).toBe(bots[2]);
  });

  it('refuses a name or prefix that several bots match, listing them', () => {
    const error = failure('5f0c');
    expect(error.message).toBe('5f0c names 3 bots: give more of the id');
    expect(error.details).toEqual([
      'candidates:',
      `${bots[0].id}  btc scalper`,
      `${bots[1].id}  eth swing`,
      `${bots[2].id}  5f0c`,
    ]);
  });

  it('refuses an unknown one, listing the bots there are', () => {
    const error = failure('sol');
    expect(error.message).toBe('no bot is named sol or has an id starting with it');
    expect(error.details[0]).toBe('your bots:');
    expect(error.details).toContain(`${bots[1].id}  eth swing`);
    expect(failure('sol', []).details).toEqual(['you have no bots (tradebotctl bots ls)']);
    expect(failure('  ').message).toBe('a bot must be named: give its name or id');
  });

  it('lists at most ten candidates and counts the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({
      id: `aa${String(i).padStart(6, '0')}-0000-4000-8000-000000000000`,
      name: `bot ${i}`,
    }));
    const details = failure('aa', many).details;
    expect(details).toHaveLength(12);
    expect(details[11]).toBe('… and 3 more');
  });
});

describe('isBotId', () => {
  it('knows a whole UUID from a name or prefix', () => {
    expect(isBotId(bots[0].id)).toBe(true);
    expect(isBotId('5f0c1e9a')).toBe(false);
    expect(isBotId('eth swing')).toBe(false);
  });
});
