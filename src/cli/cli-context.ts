/** What commands read and write besides their arguments: the process, passed in. */
export interface CliContext {
  /** The installation this tradebotctl belongs to: the default of `--root`. */
  defaultRoot: string;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Set by a command that finished but failed its check (verify found problems). */
  exitCode: number;
}
