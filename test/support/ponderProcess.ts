/**
 * Runs the Computus indexer (`ponder start`) as one child process for tests and the demo:
 * the indexer folder as working directory, loopback only, telemetry off, JSON logs kept in
 * memory, the HTTP port read back from Ponder's own log. Every process started here is killed
 * by {@link PonderProcess.stop} and, as a last resort, when this process exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The indexer folder (Ponder's working directory). */
export const INDEXER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../indexer");
// `ponder` resolves to <package>/dist/esm/index.js; its CLI is <package>/dist/esm/bin/ponder.js.
const PONDER_BIN = join(dirname(fileURLToPath(import.meta.resolve("ponder"))), "bin/ponder.js");

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

export type StartPonderOptions = {
  /** Database schema (max 45 characters): unique per test run on a shared PostgreSQL. */
  readonly schema: string;
  /** JSON-RPC URL of the chain. */
  readonly rpcUrl: string;
  readonly chainId: number;
  /** Directory holding `<chainId>.json`. */
  readonly deploymentsDir: string;
  /** PostgreSQL connection string; without it, PGlite in {@link pgliteDir}. */
  readonly databaseUrl?: string | undefined;
  /** PGlite directory (use a fresh temporary directory per run; reuse it to restart). */
  readonly pgliteDir?: string | undefined;
  /** HTTP port; default: a free one. */
  readonly port?: number | undefined;
  /** Polling interval for new blocks, in ms (default 100). */
  readonly pollingInterval?: number | undefined;
  /** Also append Ponder's output to this file (default: `$COMPUTUS_PONDER_LOG_DIR/<schema>.log` when set). */
  readonly logFile?: string | undefined;
  /** Extra environment. */
  readonly env?: Readonly<Record<string, string>> | undefined;
};

export type PonderProcess = {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn until `/ready` answered 200 (after {@link waitReady}). */
  readyAfterMs: number | undefined;
  /** How the process ended (undefined while it runs). */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Everything Ponder logged so far (JSON lines and stderr). */
  logs(): string;
  /** Waits until `/ready` answers 200 (backfill done). */
  waitReady(timeoutMs?: number): Promise<number>;
  /** GET a path; resolves with the status and the parsed JSON (or text) body. */
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  /** Sends SIGTERM, waits for the exit (SIGKILL after `timeoutMs`). Safe to call twice. */
  stop(timeoutMs?: number): Promise<void>;
};

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPonder(options: StartPonderOptions): Promise<PonderProcess> {
  installExitHook();
  const requestedPort = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    COMPUTUS_CHAIN_ID: String(options.chainId),
    COMPUTUS_RPC_URL: options.rpcUrl,
    COMPUTUS_DEPLOYMENTS_DIR: options.deploymentsDir,
    COMPUTUS_POLLING_INTERVAL: String(options.pollingInterval ?? 100),
    COMPUTUS_LOCAL_CHAIN: "true",
    // Empty forces PGlite even when the caller's environment has a DATABASE_URL.
    DATABASE_URL: options.databaseUrl ?? "",
    DATABASE_PRIVATE_URL: "",
    COMPUTUS_PGLITE_DIR: options.pgliteDir ?? "",
    ...options.env,
  };
  const args = [
    PONDER_BIN,
    "start",
    "--schema",
    options.schema,
    "-H",
    "127.0.0.1",
    "-p",
    String(requestedPort),
    "--log-format",
    "json",
  ];
  const started = Date.now();
  // One process: the Node binary running Ponder's CLI, so killing its pid kills Ponder.
  const child = spawn(process.execPath, args, { cwd: INDEXER_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  let port: number | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((done) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      running.delete(child);
      done();
    });
  });
  const logDir = process.env.COMPUTUS_PONDER_LOG_DIR;
  const logFile = options.logFile ?? (logDir ? join(logDir, `${options.schema}.log`) : undefined);
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (logFile !== undefined) appendFileSync(logFile, text);
    if (port === undefined) {
      for (const line of text.split("\n")) {
        if (!line.includes("Created HTTP server")) continue;
        try {
          const parsed = JSON.parse(line) as { port?: number };
          if (typeof parsed.port === "number") port = parsed.port;
        } catch {
          // Not JSON: ignore.
        }
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  const failure = (what: string) =>
    new Error(`${what}\n--- ponder (pid ${child.pid}) output, last 4000 characters ---\n${output.slice(-4000)}`);

  // Ponder builds, migrates and only then listens: wait for its port.
  const deadline = Date.now() + 60_000;
  while (port === undefined) {
    if (exit !== undefined) throw failure(`ponder exited (code ${exit.code}, signal ${exit.signal}) before listening`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw failure("ponder did not start its HTTP server within 60 s");
    }
    await sleep(50);
  }
  const url = `http://127.0.0.1:${port}`;

  const handle: PonderProcess = {
    url,
    port,
    pid: child.pid ?? -1,
    readyAfterMs: undefined,
    logs: () => output,
    exitStatus: () => exit,
    async waitReady(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (exit !== undefined) throw failure(`ponder exited (code ${exit.code}) before it was ready`);
        try {
          const response = await fetch(`${url}/ready`);
          if (response.status === 200) {
            handle.readyAfterMs = Date.now() - started;
            return handle.readyAfterMs;
          }
        } catch {
          // Not listening yet.
        }
        if (Date.now() > until) throw failure(`ponder was not ready within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async get<T>(path: string) {
      const response = await fetch(`${url}${path}`);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Keep the text.
      }
      return { status: response.status, body: body as T };
    },
    async stop(timeoutMs = 10_000) {
      if (exit !== undefined) return;
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!killed) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
  return handle;
}

/**
 * Polls `probe` until it returns a value other than undefined; returns it with the time it took.
 * Throws with `describe()`'s text when `timeoutMs` passes.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  {
    timeoutMs = 30_000,
    intervalMs = 50,
    describe = () => "",
  }: {
    timeoutMs?: number;
    intervalMs?: number;
    describe?: () => string;
  } = {},
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms. ${describe()}`);
    await sleep(intervalMs);
  }
}
