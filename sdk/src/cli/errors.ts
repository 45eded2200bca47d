/** Exit codes of `computus`. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The chain, a contract or the user's data said no: unknown index, wrong chain, a refused round, no key … */
  failure: 1,
  /** The command line is wrong: unknown command or option, a missing or malformed argument. */
  usage: 2,
} as const;

/** A command line that cannot be run as written (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
  /** The command whose usage to point at (`oracle latest`), if known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A user-level failure outside the SDK's errors (exit code 1): a missing key, an unreadable file. */
export class CliError extends Error {
  override name = "CliError";
}
