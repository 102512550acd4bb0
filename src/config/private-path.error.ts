/** DATA_DIR or a secret file in it that others could change or read, in one line with the fix. */
export class PrivatePathError extends Error {
  override name = 'PrivatePathError';
}
