import { CliError } from '../cli-error';

export interface NamedBot {
  id: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Enough candidates to pick from; the rest are counted. */
const MAX_LISTED = 10;

/** A whole UUID needs no lookup: the server says whether it may be seen. */
export function isBotId(ref: string): boolean {
  return UUID.test(ref);
}

/**
 * The bot a command line names: by its exact name or by a prefix of its id. Several bots
 * matching, or none, is an error that lists the candidates, never a guess.
 */
export function resolveBot(ref: string, bots: readonly NamedBot[]): NamedBot {
  if (ref.trim() === '') throw new CliError('a bot must be named: give its name or id');
  const lower = ref.toLowerCase();
  const exactId = bots.find((bot) => bot.id.toLowerCase() === lower);
  if (exactId) return exactId;
  const matches = bots.filter((bot) => bot.name === ref || bot.id.toLowerCase().startsWith(lower));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new CliError(
      `no bot is named ${ref} or has an id starting with it`,
      bots.length === 0 ? ['you have no bots (tradebotctl bots ls)'] : listed(bots, 'your bots'),
    );
  }
  throw new CliError(
    `${ref} names ${matches.length} bots: give more of the id`,
    listed(matches, 'candidates'),
  );
}

function listed(bots: readonly NamedBot[], title: string): string[] {
  const lines = bots.slice(0, MAX_LISTED).map((bot) => `${bot.id}  ${bot.name}`);
  const more = bots.length - MAX_LISTED;
  return [`${title}:`, ...lines, ...(more > 0 ? [`… and ${more} more`] : [])];
}
