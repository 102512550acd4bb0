/** Why the embedded database could not start, in one line a newcomer can act on. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}
