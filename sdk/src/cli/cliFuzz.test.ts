/**
 * `computus` fed malformed command lines, generated over the command table (every command that
 * exists, whatever is added later): unknown options, extra or missing arguments, malformed
 * global options, and random garbage (unicode, huge and negative numbers, path traversal,
 * SQL-ish text). Every run must fail cleanly: exit code 2 for usage errors (1 when the input
 * got as far as the unreachable RPC), never 0, one short `computus: …` message, never a stack
 * trace, and with `--json` one JSON error object on stdout. In-process through `runCli` (the
 * function the binary runs) for the many cases; a sample through the real binary as a child process.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "./commands/index.js";
import { EXIT } from "./errors.js";
import { GLOBAL_OPTIONS, runCli } from "./run.js";
import { type Command, isGroup, type OptionSpec } from "./types.js";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
/** A closed port (discard): every RPC call fails at once, so no case reaches a chain or waits. */
const DEAD_RPC = "http://127.0.0.1:9";
const ENV = { COMPUTUS_RPC_URL: DEAD_RPC, COMPUTUS_PRIVATE_KEY: "" };
/** A stack trace line (`    at fn (file.ts:12:3)`) or Node's own crash output. */
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|node:internal|Uncaught|UnhandledPromiseRejection/m;

type Path = { readonly words: readonly string[]; readonly command: Command };
const PATHS: readonly Path[] = commands.flatMap((entry) =>
  isGroup(entry)
    ? entry.commands.map((command) => ({ words: [entry.name, command.name], command }))
    : [{ words: [entry.name], command: entry }],
);
const GROUPS = commands.filter(isGroup).map((group) => group.name);

/** Values a hostile or careless user types, beside fast-check's random strings. */
const NASTY = [
  "",
  " ",
  "-1",
  "-0",
  "0",
  "00",
  "1e309",
  "NaN",
  "Infinity",
  "0x",
  "0xzz",
  `0x${"f".repeat(64)}`,
  `0x${"f".repeat(65)}`,
  "9".repeat(100),
  "18446744073709551616",
  "115792089237316195423570985008687907853269984665640564039457584007913129639936",
  "1.5",
  ".5",
  "5.",
  "1,000",
  "1_000",
  "../../../../etc/passwd",
  "..\\..\\windows\\system32",
  "/dev/zero",
  "'; DROP TABLE markets; --",
  '" OR 1=1 --',
  "$(id)",
  "`id`",
  "%00",
  "%2e%2e%2f",
  "💥🚀",
  "Ω≈ç√∫",
  "\u202eRTL",
  "\u0000",
  "\n",
  "H100-SXM-USD-HR",
  "now",
  "yesterday",
  "2026-11-27T12:00:00Z",
  "2026-13-45T99:99:99Z",
  "true",
  "null",
  "{}",
  "[]",
  "x".repeat(5_000),
  "=cmd|' /C calc'!A0",
  DEAD_RPC,
  "ftp://127.0.0.1/",
  "http://",
];

/** Not a help request (help is exit 0 by design). */
const notHelp = (s: string) => !/^-[^-]*h|^--help|^help$/.test(s);
const value = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: "binary" }));
const positional = value.filter((s) => !s.startsWith("-") && notHelp(s));
/** An option name no command declares. */
const unknownOption = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
  .filter((name) => !PATHS.some(({ command }) => name in (command.options ?? {})) && !(name in GLOBAL_OPTIONS))
  .map((name) => `--${name}`);

/** Options of `command` (and the global ones) with malformed values, as argv tokens. */
function optionsOf(command: Command) {
  const specs = Object.entries({ ...GLOBAL_OPTIONS, ...(command.options ?? {}) }).filter(
    ([name]) => name !== "help" && name !== "rpc",
  ) as [string, OptionSpec][];
  if (specs.length === 0) return fc.constant<string[]>([]);
  return fc
    .array(
      fc.tuple(fc.constantFrom(...specs), value).map(([[name, spec], v]) =>
        // A string option's value inline (`--x=-1`): a value that starts with a dash must be inline.
        spec.type === "string" ? [`--${name}=${v}`] : [`--${name}`],
      ),
      { maxLength: 4 },
    )
    .map((groups) => groups.flat());
}

type Outcome = { code: number; stdout: string; stderr: string };
let cwd: string;

async function run(argv: readonly string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`computus ${JSON.stringify(argv)} ran for more than 10 s`)), 10_000);
  });
  try {
    const code = await Promise.race([
      runCli(argv, {
        stdout: (text) => {
          stdout += `${text}\n`;
        },
        stderr: (text) => {
          stderr += `${text}\n`;
        },
        env: ENV,
        cwd,
      }),
      timeout,
    ]);
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** What every failed run must look like. */
function expectCleanFailure(argv: readonly string[], outcome: Outcome, codes: readonly number[]) {
  const label = `computus ${JSON.stringify(argv).slice(0, 300)} → ${JSON.stringify(outcome).slice(0, 600)}`;
  expect(codes, label).toContain(outcome.code);
  const json = argv.includes("--json");
  const text = json ? outcome.stdout : outcome.stderr;
  expect(text, label).not.toMatch(STACK);
  expect(text, label).not.toContain("[object Object]");
  if (json) {
    const parsed = JSON.parse(outcome.stdout) as { error?: { name?: unknown; message?: unknown; exitCode?: unknown } };
    expect(parsed.error?.exitCode, label).toBe(outcome.code);
    expect(typeof parsed.error?.message, label).toBe("string");
    expect(String(parsed.error?.message).length, label).toBeGreaterThan(0);
  } else {
    expect(outcome.stdout, label).toBe("");
    expect(outcome.stderr, label).toMatch(/^computus: \S/);
    if (outcome.code === EXIT.usage) expect(outcome.stderr, label).toMatch(/--help' for usage\.\n$/);
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "computus-cli-fuzz-"));
});

afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

const RUNS = { numRuns: 300 };

describe("computus CLI under malformed input", () => {
  it("covers every command of the table", () => {
    expect(PATHS.length).toBeGreaterThanOrEqual(7);
    console.log(`fuzzing ${PATHS.length} commands: ${PATHS.map((p) => p.words.join(" ")).join(", ")}`);
  });

  it("an unknown option is a usage error (2) on every command", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...PATHS)
          .chain((path) =>
            fc.tuple(
              fc.constant(path),
              unknownOption,
              fc.array(positional, { maxLength: 2 }),
              optionsOf(path.command),
              fc.boolean(),
            ),
          ),
        async ([path, unknown, positionals, options, json]) => {
          const argv = [...path.words, unknown, ...positionals, ...options, ...(json ? ["--json"] : [])];
          const outcome = await run(argv);
          expectCleanFailure(argv, outcome, [EXIT.usage]);
          expect(argv.includes("--json") ? outcome.stdout : outcome.stderr).toMatch(/nknown option/);
        },
      ),
      RUNS,
    );
  });

  it("an extra argument is a usage error (2) on every command that takes a fixed number", async () => {
    const fixed = PATHS.filter((path) => !path.command.variadic);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixed).chain((path) => {
          const n = path.command.args?.length ?? 0;
          return fc.tuple(
            fc.constant(path),
            fc.array(positional, { minLength: n + 1, maxLength: n + 3 }),
            optionsOf(path.command),
          );
        }),
        async ([path, positionals, options]) => {
          const argv = [...path.words, ...positionals, ...options];
          const outcome = await run(argv);
          expectCleanFailure(argv, outcome, [EXIT.usage]);
        },
      ),
      RUNS,
    );
  });

  it("a missing argument is a usage error (2) on every command that requires one", async () => {
    const withArgs = PATHS.filter((path) => path.command.args?.some((arg) => arg.optional !== true));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withArgs).chain((path) => fc.tuple(fc.constant(path), optionsOf(path.command))),
        async ([path, options]) => {
          const argv = [...path.words, ...options];
          const outcome = await run(argv);
          expectCleanFailure(argv, outcome, [EXIT.usage]);
        },
      ),
      RUNS,
    );
  });

  it("unknown commands, missing sub-commands and malformed global options are usage errors (2)", async () => {
    const known = new Set(commands.map((entry) => entry.name));
    const malformedGlobal = fc.oneof(
      fc.constantFrom("0", "-1", "1.5", "1e3", "0x10", "abc", "", "9".repeat(40)).map((v) => [`--chain-id=${v}`]),
      fc
        .constantFrom("", "localhost:8545", "127.0.0.1", "ftp://x", "file:///etc/passwd", "javascript:alert(1)")
        .map((v) => [`--rpc=${v}`]),
      fc.constantFrom(["--rpc"], ["--deployment"], ["--chain-id"], ["--private-key"]),
      unknownOption.map((o) => [o]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // An unknown command.
          fc
            .tuple(
              positional.filter((w) => !known.has(w)),
              fc.array(value, { maxLength: 3 }),
            )
            .map(([w, rest]) => [w, ...rest.filter(notHelp)]),
          // A group without a known sub-command.
          fc
            .tuple(
              fc.constantFrom(...GROUPS),
              fc.option(
                positional.filter((w) => !PATHS.some((p) => p.words[1] === w)),
                { nil: undefined },
              ),
            )
            .map(([group, sub]) => (sub === undefined ? [group] : [group, sub])),
          // A malformed global option before a real command.
          fc.tuple(malformedGlobal, fc.constantFrom(...PATHS)).map(([global, path]) => [...global, ...path.words]),
        ),
        async (argv) => {
          const outcome = await run(argv);
          expectCleanFailure(argv, outcome, [EXIT.usage]);
        },
      ),
      RUNS,
    );
  });

  it("random garbage never exits 0, never crashes, never prints a stack trace", async () => {
    const words = [...new Set(PATHS.flatMap((p) => p.words))];
    const optionNames = [
      ...new Set(PATHS.flatMap((p) => Object.keys({ ...GLOBAL_OPTIONS, ...(p.command.options ?? {}) }))),
    ]
      .filter((name) => name !== "help")
      .map((name) => `--${name}`);
    const token = fc.oneof(
      { weight: 3, arbitrary: value },
      { weight: 2, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.constantFrom(...optionNames) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(token, { minLength: 1, maxLength: 8 }),
          fc
            .tuple(fc.constantFrom(...PATHS), fc.array(token, { maxLength: 6 }))
            .map(([path, rest]) => [...path.words, ...rest]),
        ),
        async (raw) => {
          // `--rpc` with a random value could point anywhere: keep every run on the dead local port.
          const argv = raw.filter((t) => notHelp(t) && !t.startsWith("--rpc"));
          const outcome = await run(argv);
          expectCleanFailure(argv, outcome, [EXIT.failure, EXIT.usage]);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("the binary itself: exit codes and messages as in-process, no stack trace", async () => {
    // A sample of the generated command lines, run as `computus` child processes.
    const samples = fc.sample(
      fc
        .constantFrom(...PATHS)
        .chain((path) =>
          fc
            .tuple(unknownOption, fc.array(positional, { maxLength: 2 }), optionsOf(path.command))
            .map(([unknown, positionals, options]) => [...path.words, ...positionals, ...options, unknown]),
        ),
      { numRuns: 2, seed: 42 },
    );
    const cases: string[][] = [
      ...samples.map((argv) => argv.filter((t) => !t.includes("\u0000"))),
      ["oracle", "average", "../../etc/passwd", "--from=-1", "--to=1e309", "--json"],
      [],
    ];
    const runs = await Promise.all(cases.map((argv) => binary(argv)));
    for (const [i, outcome] of runs.entries()) {
      const argv = cases[i] as string[];
      expect(outcome.signal, JSON.stringify(argv)).toBeNull();
      expectCleanFailure(argv, { ...outcome, code: outcome.code ?? -1 }, [EXIT.usage]);
      // The same answer in-process.
      const inProcess = await run(argv);
      expect(inProcess.code).toBe(outcome.code);
    }
  }, 60_000);
});

function binary(argv: readonly string[]): Promise<Outcome & { code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, MAIN, ...argv], {
      cwd,
      env: { ...process.env, ...ENV },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
}
