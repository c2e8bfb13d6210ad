/** What a command may touch of the outside world: injected so tests can capture it. */
export interface Out {
  write(chunk: string): unknown;
  /** True when the stream is a terminal (progress displays only then). */
  isTTY?: boolean;
  /** The terminal's width in columns, when it is one (process.stdout.columns). */
  columns?: number;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  /** Working directory to resolve relative paths against. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  /** `analyze gaps`: the campaign has gaps. */
  gaps: 3,
} as const;

const CLI_ERROR = Symbol.for('ycsb-analyze.CliError');

/** An error a person can act on; the CLI prints its message (no stack) and exits with `code`. */
export class CliError extends Error {
  readonly [CLI_ERROR] = true;
  constructor(
    message: string,
    readonly code: number = EXIT.error,
  ) {
    super(message);
    this.name = 'CliError';
  }

  /**
   * Whether `err` is a CliError from any copy of this module (the bundled executable's, the
   * library's): `instanceof` would miss the other copy's errors.
   */
  static is(err: unknown): err is CliError {
    return typeof err === 'object' && err !== null && (err as { [CLI_ERROR]?: unknown })[CLI_ERROR] === true;
  }
}
