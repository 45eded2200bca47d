/**
 * `npm run bench:indexer [-- --trades 10000 --per-sweep 100 --requests 300]`: the indexer's
 * backfill throughput and its API's latency, on PGlite and on PostgreSQL (when reachable).
 *
 * A local chain gets `--trades` fills on one market: a maker rests `--per-sweep` orders in one
 * `batch` call (asks, then bids, alternately), a taker sweeps them with one market order, so every
 * sweep transaction carries `--per-sweep` `Fill` events. Then enough empty blocks that all of it
 * falls in Ponder's backfill (it backfills up to 30 blocks below the head). Throughput = every
 * event of the indexed contracts (fills, orders placed, taker orders, deposits, rounds …, counted
 * with eth_getLogs) / the backfill's duration as Ponder logs it ("Started backfill indexing" to
 * "Completed backfill indexing"). Latency = wall time of `--requests` GETs of an account's
 * positions (`/api/accounts/:address`) and of a market's positions at a random block
 * (`/api/markets/1/positions.csv?block=`), median and p99.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { DEFAULT_INDEXES } from "../../scripts/deploy/indexes.js";
import { ORDER_KIND, type PlaceParams, trader } from "../../test/support/clearingHouse.js";
import { startLocalChain, uniqueChainId } from "../../test/support/localChain.js";
import { deployLocal, submitRound } from "../../test/support/oracle.js";
import { waitForHead } from "../../test/support/oracleChecks.js";
import { type PonderProcess, startPonder } from "../../test/support/ponderProcess.js";
import {
  dropSchema,
  forgetLocalChain,
  postgresUnavailableReason,
  TEST_DATABASE_URL,
} from "../../test/support/postgres.js";

const { values } = parseArgs({
  options: {
    trades: { type: "string", default: "10000" },
    "per-sweep": { type: "string", default: "100" },
    requests: { type: "string", default: "300" },
  },
});
const arg = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${name}: "${values[name]}" is not a positive integer`);
  return value;
};
const TRADES = arg("trades");
const PER_SWEEP = arg("per-sweep");
const REQUESTS = arg("requests");

const H100 = "H100-SXM-USD-HR";
const P = 2_000_000n;
const TICK = 1_000n;
const LOT = 10n;

const chain = await startLocalChain({ chainId: uniqueChainId() });
const local = await deployLocal(chain, { indexes: DEFAULT_INDEXES.filter((index) => index.name === H100) });
const t = trader(chain, local);
const wallets = await t.wallets();
const [, , , , , , m1, m2, m3, taker] = wallets;
if (!m1 || !m2 || !m3 || !taker) throw new Error("not enough wallet clients");
const makers = [m1, m2, m3];
const publicClient = await chain.viem.getPublicClient();

const generated = Date.now();
await submitRound(chain, local, {
  indexName: H100,
  timestamp: Number((await chain.head()).timestamp) + 60,
  prices: [P, P, P],
});
for (const w of [...makers, taker]) await t.fund(w, 100_000_000n * 1_000_000n);
let done = 0;
let sweeps = 0;
while (done < TRADES) {
  const n = Math.min(PER_SWEEP, TRADES - done);
  const maker = makers[sweeps % makers.length] ?? m1;
  const isBid = sweeps % 2 === 1; // asks first: the taker buys, then sells back
  const places: PlaceParams[] = [];
  for (let i = 0; i < n; i++) {
    const offset = BigInt(i % 50) * TICK;
    places.push({ marketId: 1n, isBid, price: isBid ? P - offset : P + offset, size: LOT });
  }
  await t.batch(maker, [], places);
  await t.place(taker, {
    marketId: 1n,
    isBid: !isBid,
    kind: ORDER_KIND.Market,
    price: isBid ? P - 50n * TICK : P + 50n * TICK,
    size: BigInt(n) * LOT,
  });
  done += n;
  sweeps++;
  if (sweeps % 20 === 0) console.log(`  ${done} trades, ${((Date.now() - generated) / 1000).toFixed(1)} s`);
}
await chain.mine(35);
const head = (await chain.head()).number;
const contracts = Object.values(local.deployment.contracts).map((c) => c?.address as Address);
const logs = await publicClient.getLogs({ address: contracts, fromBlock: 0n, toBlock: head });
const fills = logs.filter((log) => log.address.toLowerCase() === t.clearingHouse.toLowerCase()).length;
const generationS = (Date.now() - generated) / 1000;
console.log(
  `generated ${TRADES} trades in ${sweeps} sweeps (+${sweeps} batches) in ${generationS.toFixed(1)} s; ` +
    `${logs.length} events (${fills} clearing-house events), head block ${head}`,
);
const traders = [...makers, taker].map((w) => w.account?.address as Address);

type Result = {
  backend: string;
  events: number;
  readyMs: number;
  backfillMs: number;
  eventsPerSecond: number;
  account: { p50: number; p99: number };
  csv: { p50: number; p99: number };
};

function backfillMs(text: string): number {
  let started: number | undefined;
  let completed: number | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; time?: number };
    if (entry.msg === "Started backfill indexing" && started === undefined) started = entry.time;
    if (entry.msg === "Completed backfill indexing across all chains") completed = entry.time;
  }
  if (started === undefined || completed === undefined) throw new Error("no backfill timing in Ponder's log");
  return completed - started;
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: Number(at(0.5).toFixed(2)), p99: Number(at(0.99).toFixed(2)) };
}

async function latency(ponder: PonderProcess, path: () => string): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const url = path();
    const begin = performance.now();
    const { status, body } = await ponder.get(url);
    samples.push(performance.now() - begin);
    if (status !== 200) throw new Error(`${url}: HTTP ${status} ${JSON.stringify(body)}`);
  }
  return percentiles(samples);
}

async function run(backend: "pglite" | "postgres"): Promise<Result> {
  const schema = `bench_${backend}_${Date.now().toString(36)}`;
  const pgliteDir = backend === "pglite" ? await mkdtemp(join(tmpdir(), "computus-bench-")) : undefined;
  const ponder = await startPonder({
    schema,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    databaseUrl: backend === "postgres" ? TEST_DATABASE_URL : undefined,
    pgliteDir,
  });
  try {
    const readyMs = await ponder.waitReady(900_000);
    await waitForHead(ponder, chain, 120_000);
    const market = await ponder.get<{ tradeCount: number }>("/api/markets/1");
    if (market.body.tradeCount !== TRADES)
      throw new Error(`${backend}: indexed ${market.body.tradeCount} trades, expected ${TRADES}`);
    const backfill = backfillMs(ponder.logs());
    const pick = () => traders[Math.floor(Math.random() * traders.length)];
    return {
      backend,
      events: logs.length,
      readyMs,
      backfillMs: backfill,
      eventsPerSecond: Math.round((logs.length * 1000) / backfill),
      account: await latency(ponder, () => `/api/accounts/${pick()}?limit=20`),
      csv: await latency(
        ponder,
        () => `/api/markets/1/positions.csv?block=${1 + Math.floor(Math.random() * Number(head))}`,
      ),
    };
  } finally {
    await ponder.stop();
    if (pgliteDir !== undefined) await rm(pgliteDir, { recursive: true, force: true });
    if (backend === "postgres") await dropSchema(schema);
  }
}

const results: Result[] = [];
try {
  results.push(await run("pglite"));
  const unavailable = await postgresUnavailableReason();
  if (unavailable === undefined) {
    results.push(await run("postgres"));
    await forgetLocalChain(chain.chainId);
  } else {
    console.warn(`PostgreSQL skipped: ${unavailable}`);
  }
} finally {
  await chain.close();
  await rm(local.deploymentsDir, { recursive: true, force: true });
}
console.table(
  results.map((r) => ({
    backend: r.backend,
    events: r.events,
    "ready (ms)": r.readyMs,
    "backfill (ms)": r.backfillMs,
    "events/s": r.eventsPerSecond,
    "account positions p50/p99 (ms)": `${r.account.p50} / ${r.account.p99}`,
    "positions.csv at a block p50/p99 (ms)": `${r.csv.p50} / ${r.csv.p99}`,
  })),
);
process.exit(0);
