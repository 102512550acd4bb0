import { CliError, UsageError } from '../cli-error';

export type HiddenLine =
  { state: 'typing'; value: string } | { state: 'entered'; value: string } | { state: 'cancelled' };

/**
 * Applies what a terminal in raw mode sent (keys, or a paste) to a line typed without
 * echo: Enter ends it, Ctrl-C cancels, Ctrl-D on an empty line cancels, Backspace erases
 * the last character, other control characters are ignored.
 */
export function typeHidden(value: string, input: string): HiddenLine {
  let line = value;
  for (const char of input) {
    if (char === '\r' || char === '\n') return { state: 'entered', value: line };
    if (char === '\u0003') return { state: 'cancelled' };
    if (char === '\u0004') {
      if (line.length === 0) return { state: 'cancelled' };
      return { state: 'entered', value: line };
    }
    if (char === '\u007f' || char === '\b') line = Array.from(line).slice(0, -1).join('');
    else if (char >= ' ') line += char;
  }
  return { state: 'typing', value: line };
}

/** Asks on the terminal without echoing what is typed. */
export function promptHidden(
  prompt: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(
      new UsageError('no terminal to ask for the password on: pipe it in with --password-stdin'),
    );
  }
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      const line = typeHidden(value, chunk);
      if (line.state === 'typing') {
        value = line.value;
        return;
      }
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (line.state === 'cancelled') reject(new CliError('cancelled', [], 130));
      else resolve(line.value);
    };
    stdin.on('data', onData);
  });
}

/**
 * A secret piped in (`--password-stdin`): everything read, less one final line break, as
 * `echo "$PASSWORD" | …` and `… < file` both add one.
 */
export async function readSecretFromStdin(stdin: NodeJS.ReadStream): Promise<string> {
  if (stdin.isTTY) {
    throw new UsageError('--password-stdin reads a pipe or a file, not the terminal');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret.length === 0) throw new UsageError('--password-stdin read nothing');
  return secret;
}
