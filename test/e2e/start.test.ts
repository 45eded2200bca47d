/**
 * `npm start` as a user runs it: a child process with its own chain, indexer and dashboard on
 * 127.0.0.1. The `--fast --once` run must settle every market at the index series' own
 * time-weighted average over the delivery window (computed here from the CSV, second by second
 * in closed form, independently of the SDK), and exit 0. A second run serves the dashboard,
 * which a real headless Chromium must show with data, then stops cleanly on Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadIndexSeries } from "../../scripts/demo/indexSeries.js";

const ROOT = process.cwd();
const CHROMIUM = "/usr/bin/chromium";

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(args: string[]): Run {
  // One process (tsx as a loader, not its CLI's child process), so Ctrl-C reaches the script itself.
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/start.ts"), ...args], { cwd: ROOT });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = run.output().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} after ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const runs: Run[] = [];
afterAll(async () => {
  // Ctrl-C first, so the demo stops its own indexer and dashboard; SIGKILL only if it hangs.
  for (const run of runs) {
    if (run.child.exitCode !== null) continue;
    run.child.kill("SIGINT");
    const stopped = await Promise.race([
      run.exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 20_000)),
    ]);
    if (!stopped) run.child.kill("SIGKILL");
  }
}, 60_000);

describe("npm start", () => {
  it("--fast --once settles every market at the series' average over the window and exits 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "computus-start-"));
    const summaryFile = join(dir, "summary.json");
    // Without the indexer here (the dashboard test below runs it): the chain has both cores.
    const run = start(["--fast", "--once", "--no-dashboard", "--port", "0", "--summary", summaryFile]);
    runs.push(run);
    const code = await run.exited;
    expect(code, run.output()).toBe(0);

    const summary = JSON.parse(await readFile(summaryFile, "utf8")) as {
      windowStart: number;
      windowEnd: number;
      seriesStart: number;
      rounds: number;
      liquidations: unknown[];
      markets: { indexName: string; finalPrice: string }[];
      cover?: { units: string; bond: string; marketId: string };
    };
    const series = await loadIndexSeries();
    expect(summary.markets.map((m) => m.indexName).sort()).toEqual(series.map((s) => s.name).sort());
    expect(summary.rounds).toBe(series.reduce((n, s) => n + s.prices.filter((p) => p !== undefined).length, 0));
    for (const market of summary.markets) {
      const prices = series.find((s) => s.name === market.indexName)?.prices ?? [];
      // Each fixing holds from its hour until the next fixing; sum price × seconds over the window.
      let sum = 0n;
      let held: bigint | undefined;
      for (let hour = 0; hour < prices.length; hour++) {
        held = prices[hour] ?? held;
        const from = summary.seriesStart + hour * 3600;
        const lo = Math.max(from, summary.windowStart);
        const hi = Math.min(from + 3600, summary.windowEnd);
        if (hi > lo && held !== undefined) sum += held * BigInt(hi - lo);
      }
      const expected = sum / BigInt(summary.windowEnd - summary.windowStart);
      expect(BigInt(market.finalPrice), market.indexName).toBe(expected);
    }
    expect(summary.liquidations.length).toBeGreaterThanOrEqual(1);
    // The GPU owner's 40 GPUs over the whole delivery window, posted as cover for its short.
    expect(BigInt(summary.cover?.units ?? 0)).toBe(BigInt((40 * (summary.windowEnd - summary.windowStart)) / 3_600));
    await rm(dir, { recursive: true, force: true });
  }, 600_000);

  it.skipIf(!existsSync(CHROMIUM))(
    "serves a dashboard that Chromium shows with data, and stops cleanly on Ctrl-C",
    async () => {
      const { chromium } = await import("playwright-core");
      const run = start(["--fast", "--port", "0", "--dashboard-port", "0"]);
      runs.push(run);
      const [, dashboardUrl] = await waitForOutput(run, /Dashboard {2}(http:\/\/127\.0\.0\.1:\d+)/, 120_000);
      const [, indexerUrl] = await waitForOutput(run, /Indexer {4}(http:\/\/127\.0\.0\.1:\d+)/, 1_000);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.goto(dashboardUrl as string);
        // The chart draws once rounds are indexed; markets, book and the audit follow the trades.
        // A chart with more than two rounds (it first draws with two).
        await page.waitForFunction(
          "(document.querySelector('#index-chart polyline.line')?.getAttribute('points') ?? '').split(' ').length > 2",
          null,
          { timeout: 120_000 },
        );
        await page.waitForSelector("#markets tbody td:not(.empty)", { timeout: 120_000 });
        await page.waitForSelector("#book .level", { timeout: 120_000 });
        await page.waitForSelector("#solvency-verdict.ok", { timeout: 120_000 });
        const points = await page.$eval("#index-chart polyline.line", (line) => line.getAttribute("points") ?? "");
        expect(points.split(" ").length).toBeGreaterThan(2);
        expect(await page.textContent("#markets")).toContain("H100-SXM-USD-HR");
        await mkdir(join(ROOT, "test-artifacts"), { recursive: true });
        await page.screenshot({ path: join(ROOT, "test-artifacts", "dashboard.png"), fullPage: true });
      } finally {
        await browser.close();
      }
      run.child.kill("SIGINT");
      expect(await run.exited).toBe(0);
      // The indexer and the dashboard are gone with it.
      expect(await portOpen(Number(new URL(dashboardUrl as string).port))).toBe(false);
      expect(await portOpen(Number(new URL(indexerUrl as string).port))).toBe(false);
    },
    600_000,
  );
});
