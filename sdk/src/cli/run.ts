/**
 * `computus`: parses the command line (`util.parseArgs`), prints help, runs a command, and maps
 * failures to exit codes: 0 ok, 1 contract or user error (the SDK's typed errors' short message),
 * 2 usage. With `--json`, results and errors are JSON on stdout.
 */
import { parseArgs } from "node:util";
import { BaseError, HttpRequestError, TimeoutError } from "viem";
import { ComputusError } from "../errors/base.js";
import { InsufficientQuotesError, MathInputError } from "../math/errors.js";
import { commands } from "./commands/index.js";
import { CliContext, DEFAULT_RPC, type GlobalOptions, PRIVATE_KEY_ENV, RPC_ENV } from "./context.js";
import { CliError, EXIT, UsageError } from "./errors.js";
import { toJson } from "./output.js";
import { parsePositiveInteger } from "./parse.js";
import {
  type ArgumentSpec,
  type Command,
  type CommandEntry,
  type CommandGroup,
  isGroup,
  type OptionSpec,
} from "./types.js";

export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
};

export const GLOBAL_OPTIONS = {
  rpc: { type: "string", value: "<url>", description: `JSON-RPC endpoint (default: $${RPC_ENV} or ${DEFAULT_RPC})` },
  deployment: {
    type: "string",
    value: "<file>",
    description: "deployment record (default: deployments/<chain id>.json under the working directory)",
  },
  "chain-id": {
    type: "string",
    value: "<id>",
    description: "read deployments/<id>.json, and fail unless the RPC is on chain <id>",
  },
  "private-key": {
    type: "string",
    value: "<hex>",
    description: `signing key(s), comma-separated (default: $${PRIVATE_KEY_ENV}; prefer the variable: a flag shows in ps and shell history)`,
  },
  json: { type: "boolean", description: "machine-readable JSON output (amounts as decimal strings)" },
  help: { type: "boolean", short: "h", description: "show help" },
} as const satisfies Record<string, OptionSpec>;

const BIN = "computus";

/** Runs `computus` with `argv` (without the node and script paths); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes("--json");
  let path = "";
  let rpc: string | undefined;
  try {
    const { leading, rest } = splitLeadingGlobals(argv);
    const [first, ...afterFirst] = rest;
    if (first === undefined && !leading.help) {
      // No command is a usage error: the overview goes to stderr, stdout stays empty (or JSON).
      if (!json) io.stderr(helpFor([]));
      throw new UsageError("missing command");
    }
    if (first === undefined || first === "help") {
      const target = first === "help" ? afterFirst : [];
      io.stdout(helpFor(target));
      return EXIT.ok;
    }
    const entry = commands.find((candidate) => candidate.name === first);
    if (entry === undefined) throw new UsageError(`unknown command "${first}"`);
    let command: Command;
    let args: string[];
    if (isGroup(entry)) {
      const [name, ...others] = afterFirst;
      if (name === undefined || name.startsWith("-")) {
        if (leading.help || name === "--help" || name === "-h") {
          io.stdout(groupHelp(entry));
          return EXIT.ok;
        }
        throw new UsageError(`missing command after "${entry.name}"`, entry.name);
      }
      const found = entry.commands.find((candidate) => candidate.name === name);
      if (found === undefined) throw new UsageError(`unknown command "${entry.name} ${name}"`, entry.name);
      command = found;
      path = `${entry.name} ${name}`;
      args = others;
    } else {
      command = entry;
      path = entry.name;
      args = afterFirst;
    }

    const optionSpecs = { ...GLOBAL_OPTIONS, ...(command.options ?? {}) };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args,
        options: Object.fromEntries(
          Object.entries(optionSpecs).map(([name, spec]) => [
            name,
            {
              type: spec.type,
              ...("multiple" in spec && spec.multiple ? { multiple: true } : {}),
              ...("short" in spec && spec.short ? { short: spec.short } : {}),
            },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ""), path);
    }
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    if (leading.help || values.help) {
      io.stdout(commandHelp(command, path));
      return EXIT.ok;
    }
    const expected = command.variadic ? Number.POSITIVE_INFINITY : (command.args?.length ?? 0);
    if (parsed.positionals.length > expected) {
      throw new UsageError(`unexpected argument "${parsed.positionals[expected]}"`, path);
    }
    const globals = resolveGlobals({ ...leading.values, ...definedOnly(values) }, io.env);
    json = globals.json;
    rpc = globals.rpc;
    const cli = new CliContext(globals, io.env, io.cwd, io.stdout);
    const output = await command.run({ args: parsed.positionals, options: values, cli, path });
    io.stdout(json ? toJson(output.json) : output.text);
    return EXIT.ok;
  } catch (error) {
    const { code, name, message } = describeError(error, rpc);
    if (json) {
      io.stdout(toJson({ error: { name, message, exitCode: code } }));
    } else {
      io.stderr(`${BIN}: ${message}`);
      if (code === EXIT.usage) {
        const command = error instanceof UsageError && error.command ? error.command : path;
        io.stderr(`Run '${BIN}${command ? ` ${command}` : ""} --help' for usage.`);
      }
    }
    return code;
  }
}

type GlobalValues = Record<string, string | boolean | string[] | undefined>;

/** Global options before the command words (`computus --rpc URL oracle latest …`). */
function splitLeadingGlobals(argv: readonly string[]): {
  leading: { values: GlobalValues; help: boolean };
  rest: string[];
} {
  const values: GlobalValues = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("-")) break;
    const [rawName, inline] = arg.replace(/^--?/, "").split(/=(.*)/s, 2) as [string, string | undefined];
    // `-h` is the only short flag; `--h` is an unknown long option, as parseArgs treats it.
    const name = rawName === "h" && !arg.startsWith("--") ? "help" : rawName;
    const spec = (GLOBAL_OPTIONS as Record<string, OptionSpec>)[name];
    if (spec === undefined) throw new UsageError(`unknown option "${arg}" (command options go after the command)`);
    if (spec.type === "boolean") {
      values[name] = true;
    } else if (inline !== undefined) {
      values[name] = inline;
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("-")) throw new UsageError(`option "--${name}" needs a value`);
      values[name] = value;
      i++;
    }
  }
  return { leading: { values, help: values.help === true }, rest: argv.slice(i) };
}

function definedOnly(values: GlobalValues): GlobalValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function resolveGlobals(values: GlobalValues, env: NodeJS.ProcessEnv): GlobalOptions {
  const rpc = typeof values.rpc === "string" ? values.rpc : env[RPC_ENV] || DEFAULT_RPC;
  if (!/^(https?|wss?):\/\//.test(rpc)) throw new UsageError(`--rpc "${rpc}" is not an http(s):// or ws(s):// URL`);
  const chainId =
    typeof values["chain-id"] === "string" ? parsePositiveInteger(values["chain-id"], "--chain-id") : undefined;
  const deployment = typeof values.deployment === "string" ? values.deployment : undefined;
  const privateKey = typeof values["private-key"] === "string" ? values["private-key"] : undefined;
  return { rpc, deployment, chainId, privateKey, json: values.json === true };
}

/** The exit code, error name and message for a failure. */
function describeError(error: unknown, rpc = "the RPC"): { code: number; name: string; message: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, name: error.name, message: error.message };
  if (error instanceof ComputusError) return { code: EXIT.failure, name: error.name, message: error.shortMessage };
  if (error instanceof CliError || error instanceof InsufficientQuotesError || error instanceof MathInputError) {
    return { code: EXIT.failure, name: error.name, message: error.message };
  }
  if (error instanceof BaseError) {
    const unreachable = error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError);
    if (unreachable) {
      return {
        code: EXIT.failure,
        name: unreachable.name,
        message: `cannot reach ${rpc}: ${unreachable instanceof BaseError ? unreachable.shortMessage : "request failed"} Is the node running? (--rpc)`,
      };
    }
    return { code: EXIT.failure, name: error.name, message: error.shortMessage };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: EXIT.failure, name: e.name, message: e.message };
}

/* ------------------------------------------------------------------ */
/*                                Help                                */
/* ------------------------------------------------------------------ */

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${"short" in spec && spec.short ? `-${spec.short}, ` : ""}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    return [flag, `${spec.description}${spec.multiple ? " (repeatable)" : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`);
}

function globalHelp(): string[] {
  return [
    "Global options:",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    `Keys: ${PRIVATE_KEY_ENV} (several: comma-separated), or --private-key. No key has a default.`,
    "Exit codes: 0 ok, 1 contract or user error, 2 usage error.",
  ];
}

function mainHelp(): string {
  const rows = commands.flatMap((entry: CommandEntry) =>
    isGroup(entry)
      ? entry.commands.map((command) => [`${entry.name} ${command.name}`, command.summary] as const)
      : [[entry.name, entry.summary] as const],
  );
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `${BIN}: Computus (GPU compute futures) from the command line`,
    "",
    `Usage: ${BIN} [global options] <command> [arguments] [options]`,
    "",
    "Commands:",
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    ...globalHelp(),
    "",
    `Run '${BIN} <command> --help' for a command's options.`,
  ].join("\n");
}

function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((command) => command.name.length));
  return [
    `${BIN} ${group.name}: ${group.summary}`,
    "",
    `Usage: ${BIN} ${group.name} <command> [arguments] [options]`,
    "",
    "Commands:",
    ...group.commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    `Run '${BIN} ${group.name} <command> --help' for a command's options.`,
  ].join("\n");
}

function commandHelp(command: Command, path: string): string {
  const args = (command.args ?? []).map((arg) => ` ${argumentLabel(arg)}`).join("") + (command.variadic ? "..." : "");
  const lines = [`${BIN} ${path}: ${command.summary}`, "", `Usage: ${BIN} ${path}${args} [options]`];
  if (command.description) lines.push("", command.description);
  if (command.args?.length) {
    const width = Math.max(...command.args.map((arg) => argumentLabel(arg).length));
    lines.push(
      "",
      "Arguments:",
      ...command.args.map((arg) => `  ${argumentLabel(arg).padEnd(width)}  ${arg.description}`),
    );
  }
  if (command.options && Object.keys(command.options).length > 0) {
    lines.push("", "Options:", ...optionLines(command.options));
  }
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((example) => `  ${example}`));
  lines.push("", ...globalHelp());
  return lines.join("\n");
}

/** Help for `computus help [group [command]]`. */
function helpFor(words: readonly string[]): string {
  const [first, second] = words;
  if (first === undefined) return mainHelp();
  const entry = commands.find((candidate) => candidate.name === first);
  if (entry === undefined) throw new UsageError(`unknown command "${first}"`);
  if (!isGroup(entry)) return commandHelp(entry, entry.name);
  if (second === undefined) return groupHelp(entry);
  const command = entry.commands.find((candidate) => candidate.name === second);
  if (command === undefined) throw new UsageError(`unknown command "${first} ${second}"`, first);
  return commandHelp(command, `${first} ${second}`);
}

/** `<name>` for a required argument, `[name]` for one with a default. */
function argumentLabel(arg: ArgumentSpec): string {
  return arg.optional ? `[${arg.name}]` : `<${arg.name}>`;
}
