import type { CliContext } from "./context.js";

/** An option of a command, as `util.parseArgs` takes it, with its help. */
export type OptionSpec = {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in help (`<time>`). */
  readonly value?: string;
  readonly description: string;
};

export type ArgumentSpec = {
  readonly name: string;
  readonly description: string;
  /** The command has a default for it (shown as `[name]` in the help). */
  readonly optional?: boolean;
};

/** What a command prints: `json` with `--json`, otherwise `text`. */
export type CommandOutput = { readonly json: unknown; readonly text: string };

export type CommandInput = {
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly cli: CliContext;
  /** `group command`, for error messages. */
  readonly path: string;
};

export type Command = {
  readonly name: string;
  readonly summary: string;
  /** Extra help text under the usage. */
  readonly description?: string;
  readonly args?: readonly ArgumentSpec[];
  /** The last argument may repeat (`<index>...`). */
  readonly variadic?: boolean;
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly examples?: readonly string[];
  run(input: CommandInput): Promise<CommandOutput>;
};

/** A command group (`oracle`, `deployment`, `keeper`): `computus <group> <command>`. */
export type CommandGroup = {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
};

/** A top-level entry: a group, or a command of its own (`markets`, `book`, `order` …). */
export type CommandEntry = CommandGroup | Command;

export function isGroup(entry: CommandEntry): entry is CommandGroup {
  return "commands" in entry;
}
