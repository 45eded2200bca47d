/**
 * `npm start`: a whole compute futures market on one machine. A local chain on 127.0.0.1,
 * Computus deployed on it, the indexer, a dashboard, and six weeks of a simulated market
 * (scripts/demo/simulation.ts) ending in the final settlement of every contract.
 *
 *   --fast          no pacing: run the simulation as fast as the chain goes
 *   --once          run the simulation once, print the summary and exit 0 (for scripts and CI)
 *   --no-dashboard  skip the indexer and the dashboard
 *   --port N        the chain's port (default 8545; 0 for a free one)
 *   --dashboard-port N  the dashboard's port (default 3000; 0 for a free one)
 *   --summary FILE  also write the results as JSON to FILE (amounts as decimal strings)
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatUnits } from "viem";
import { writeDeployment } from "../sdk/src/node.js";
import { type LocalChain, startLocalChain } from "../test/support/localChain.js";
import { publisherAccounts } from "../test/support/oracle.js";
import { type PonderProcess, startPonder } from "../test/support/ponderProcess.js";
import { type Dashboard, startDashboard } from "./demo/dashboardServer.js";
import { runSimulation, type SimulationProgress } from "./demo/simulation.js";
import { deployComputus } from "./deploy/deployComputus.js";

const startedAt = performance.now();
const { values: flags } = parseArgs({
  options: {
    fast: { type: "boolean", default: false },
    once: { type: "boolean", default: false },
    "no-dashboard": { type: "boolean", default: false },
    port: { type: "string", default: "8545" },
    "dashboard-port": { type: "string", default: "3000" },
    summary: { type: "string" },
  },
});
const port = (name: "port" | "dashboard-port") => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`--${name}: "${flags[name]}" is not a port`);
  return value;
};
const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1);
/** How long this run's install took, when `npm start` just installed (scripts/setup.sh records it). */
async function installNote(): Promise<string> {
  const file = "node_modules/.computus-install-seconds";
  try {
    const { mtimeMs } = await stat(file);
    if (Date.now() - mtimeMs > 15 * 60_000) return ", install excluded";
    const install = Number((await readFile(file, "utf8")).trim());
    return `; with the install ${(install + Number(seconds())).toFixed(0)} s`;
  } catch {
    return ", install excluded";
  }
}
const interactive = process.stdout.isTTY === true;

const cleanups: (() => Promise<unknown>)[] = [];
let stopping: Promise<never> | undefined;
/** Stops everything started, then exits. The first caller's exit code wins: after Ctrl-C the
 *  simulation fails on its closed chain, and that failure must not turn a clean stop into 1. */
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    process.exit(code);
  })();
  return stopping;
}
process.once("SIGINT", () => {
  console.log("\nStopping…");
  void stop(0);
});
process.once("SIGTERM", () => void stop(0));

try {
  const chain: LocalChain = await startLocalChain({ port: port("port") });
  cleanups.push(() => chain.close());
  console.log(`Chain      ${chain.url} (chain id ${chain.chainId})`);

  const deployment = await deployComputus({
    viem: chain.viem,
    publishers: publisherAccounts.slice(0, 3).map((account) => account.address),
    markets: [],
  });
  // The record for the SDK and CLI (deployments/31337.json), and a private copy for the indexer.
  await mkdir("deployments", { recursive: true });
  await writeDeployment(deployment);
  const deploymentsDir = await mkdtemp(join(tmpdir(), "computus-demo-"));
  cleanups.push(() => rm(deploymentsDir, { recursive: true, force: true }));
  await writeDeployment(deployment, { directory: deploymentsDir });
  for (const [name, contract] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(22)} ${contract?.address}`);
  }

  let ponder: PonderProcess | undefined;
  let dashboard: Dashboard | undefined;
  if (!flags["no-dashboard"]) {
    const pgliteDir = await mkdtemp(join(tmpdir(), "computus-pglite-"));
    cleanups.push(() => rm(pgliteDir, { recursive: true, force: true }));
    ponder = await startPonder({
      schema: "computus_demo",
      rpcUrl: chain.url,
      chainId: chain.chainId,
      deploymentsDir,
      pgliteDir,
    });
    const started = ponder;
    cleanups.push(() => started.stop());
    dashboard = await startDashboard({
      indexerUrl: ponder.url,
      port: port("dashboard-port"),
      config: {
        decimals: deployment.collateral.decimals,
        symbol: deployment.collateral.symbol,
        chainId: chain.chainId,
      },
    });
    const served = dashboard;
    cleanups.push(() => served.close());
    await ponder.waitReady();
    console.log(`Indexer    ${ponder.url} (GraphQL /graphql, SQL /sql, REST /api)`);
    console.log(`Dashboard  ${dashboard.url}   ← open this (ready after ${seconds()} s${await installNote()})`);
  }

  const onProgress = ({ stage, hour, rounds, trades, liquidations }: SimulationProgress) => {
    const day = Math.floor(hour / 24);
    const bar = "█".repeat(Math.round(day / 2)).padEnd(21, "·");
    const line = `${bar} day ${String(day).padStart(2)}/42  ${stage.padEnd(8)} rounds ${rounds}  trades ${trades}  liquidations ${liquidations}`;
    if (interactive) process.stdout.write(`\r${line}`);
    else console.log(line);
  };
  console.log(`\nSimulating six weeks of the compute market${flags.fast ? " (fast)" : ""}…`);
  const result = await runSimulation({
    chain,
    deployment,
    actEvery: 6,
    pacing: flags.fast ? 0 : 150,
    log: (message) => console.log(`\n${message}`),
    onProgress,
  });
  if (interactive) process.stdout.write("\n");

  const money = (value: bigint) => formatUnits(value, deployment.collateral.decimals);
  console.log(
    `\nSettlement (delivery window ${new Date(result.windowStart * 1000).toISOString().slice(0, 10)} → ${new Date(result.windowEnd * 1000).toISOString().slice(0, 10)})`,
  );
  console.table(
    result.markets.map((m) => ({
      market: `#${m.marketId}`,
      index: m.indexName,
      "final price": money(m.finalPrice),
      "series average": money(m.seriesAverage),
      match: m.finalPrice === m.seriesAverage ? "yes" : "NO",
      "open interest": m.openInterestAtExpiry.toString(),
    })),
  );
  console.log("Accounts");
  console.table(
    result.actors.map((a) => ({
      account: a.name,
      deposited: money(a.deposited),
      "final collateral": money(a.finalCollateral),
      "PnL (after fees)": money(a.finalCollateral - a.deposited),
    })),
  );
  console.log(
    `${result.rounds} oracle rounds, ${result.trades} taker orders filled, ${result.liquidations.length} liquidation(s).`,
  );
  if (ponder && dashboard) {
    const solvency = await fetch(`${ponder.url}/api/solvency`)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (solvency)
      console.log(
        `Audit: ${(solvency as { solvent: boolean }).solvent ? "solvent" : "NOT solvent"} (indexer /api/solvency)`,
      );
    console.log(`Dashboard  ${dashboard.url}`);
  }
  if (flags.summary) {
    const json = JSON.stringify(result, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2);
    await writeFile(flags.summary, `${json}\n`);
  }
  console.log(`Done in ${seconds()} s.`);
  if (result.markets.some((m) => m.finalPrice !== m.seriesAverage)) {
    console.error("A final price differs from the series' average over the window.");
    await stop(1);
  }
  if (flags.once) await stop(0);
  console.log("Everything keeps running; Ctrl-C stops it.");
} catch (error) {
  if (stopping) await stopping; // Ctrl-C closed the chain under the simulation: not an error.
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stop(1);
}
