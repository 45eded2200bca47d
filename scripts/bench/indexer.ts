/**
 * `npm run bench:indexer [-- --events 10000 --per-block 100 --requests 300]`: the indexer's
 * backfill throughput and its API's latency, on PGlite and on PostgreSQL (when reachable).
 *
 * Until the clearing house is merged the events are oracle rounds: a local chain gets
 * `--events` rounds of one bench index (quorum 1, no move guard), `--per-block` to a block, then
 * enough empty blocks that all of them fall in Ponder's backfill (it backfills up to 30 blocks
 * below the head). Throughput = events / the backfill's duration as Ponder logs it ("Started
 * backfill indexing" to "Completed backfill indexing"). Latency = wall time of `--requests`
 * GETs of a paginated rounds page and of an average over a random window, median and p99.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createWalletClient, custom, type Hex } from "viem";
import { signObservation } from "../../sdk/src/actions/wallet/signObservation.js";
import { indexOracleAbi } from "../../sdk/src/generated/abis.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { startLocalChain, uniqueChainId } from "../../test/support/localChain.js";
import { deployLocal, publisherAccounts } from "../../test/support/oracle.js";
import { allRounds, waitForHead } from "../../test/support/oracleChecks.js";
import { type PonderProcess, startPonder } from "../../test/support/ponderProcess.js";
import {
  dropSchema,
  forgetLocalChain,
  postgresUnavailableReason,
  TEST_DATABASE_URL,
} from "../../test/support/postgres.js";
import type { IndexDefinition } from "../deploy/indexes.js";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    "per-block": { type: "string", default: "100" },
    requests: { type: "string", default: "300" },
  },
});
const arg = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${name}: "${values[name]}" is not a positive integer`);
  return value;
};
const EVENTS = arg("events");
const PER_BLOCK = arg("per-block");
const REQUESTS = arg("requests");

const BENCH: IndexDefinition = {
  name: "BENCH-USD-HR",
  description: "benchmark index",
  methodologyURI: "docs/index-methodology.md",
  quorum: 1,
  maxMoveBps: 0,
  maxAge: 30 * 86_400,
  maxSubmissionDelay: 30 * 86_400,
  businessDaysOnly: false,
  ringCardinality: 16,
};

const offline = custom({ request: async () => Promise.reject(new Error("offline signer")) });
const signer = createWalletClient({ account: publisherAccounts[0], transport: offline });

const chain = await startLocalChain({ chainId: uniqueChainId() });
const local = await deployLocal(chain, { indexes: [BENCH], publisherCount: 1 });
const indexId = toIndexId(BENCH.name);
const [sender] = await chain.viem.getWalletClients();
if (sender === undefined) throw new Error("no wallet client");
const publicClient = await chain.viem.getPublicClient();

// Rounds a second apart, ending well before the blocks that carry them.
const generated = Date.now();
const start = Number((await chain.head()).timestamp) + 60;
let nonce = await publicClient.getTransactionCount({ address: sender.account.address, blockTag: "pending" });
await chain.rpc("evm_setAutomine", [false]);
let blockTime = start + PER_BLOCK;
const hashes: Hex[] = [];
for (let i = 0; i < EVENTS; i++) {
  const timestamp = start + i;
  const price = 2_000_000n + BigInt((i * 7_919) % 100_000);
  const observation = await signObservation(signer, {
    oracle: local.oracle,
    chainId: chain.chainId,
    indexId,
    timestamp,
    price,
  });
  hashes.push(
    await sender.writeContract({
      address: local.oracle,
      abi: indexOracleAbi,
      functionName: "submit",
      args: [indexId, timestamp, [{ price, r: observation.r, vs: observation.vs }]],
      gas: 250_000n,
      nonce: nonce++,
    }),
  );
  if ((i + 1) % PER_BLOCK === 0 || i === EVENTS - 1) {
    blockTime = Math.max(blockTime, timestamp) + 1;
    await chain.rpc("evm_setNextBlockTimestamp", [`0x${blockTime.toString(16)}`]);
    await chain.rpc("evm_mine");
  }
}
await chain.rpc("evm_setAutomine", [true]);
const lastReceipt = await publicClient.waitForTransactionReceipt({ hash: hashes[hashes.length - 1] as Hex });
if (lastReceipt.status !== "success") throw new Error("the last bench round reverted");
const { roundId } = await publicClient.readContract({
  address: local.oracle,
  abi: indexOracleAbi,
  functionName: "latestRound",
  args: [indexId],
});
if (roundId !== EVENTS) throw new Error(`expected ${EVENTS} rounds on-chain, found ${roundId}`);
await chain.mine(35);
console.log(
  `generated ${EVENTS} rounds in ${((Date.now() - generated) / 1000).toFixed(1)} s; head block ${(await chain.head()).number}`,
);

type Result = {
  backend: string;
  events: number;
  readyMs: number;
  backfillMs: number;
  eventsPerSecond: number;
  roundsPage: { p50: number; p99: number };
  average: { p50: number; p99: number };
};

function backfillMs(logs: string): number {
  let started: number | undefined;
  let completed: number | undefined;
  for (const line of logs.split("\n")) {
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
    const readyMs = await ponder.waitReady(600_000);
    await waitForHead(ponder, chain, 120_000);
    const rounds = await allRounds(ponder, BENCH.name);
    if (rounds.length !== EVENTS) throw new Error(`${backend}: indexed ${rounds.length} rounds, expected ${EVENTS}`);
    const backfill = backfillMs(ponder.logs());
    const random = (n: number) => 1 + Math.floor(Math.random() * n);
    return {
      backend,
      events: EVENTS,
      readyMs,
      backfillMs: backfill,
      eventsPerSecond: Math.round((EVENTS * 1000) / backfill),
      roundsPage: await latency(ponder, () => `/api/indexes/${BENCH.name}/rounds?limit=100&before=${random(EVENTS)}`),
      average: await latency(ponder, () => {
        const from = start + random(EVENTS - 1);
        return `/api/indexes/${BENCH.name}/average?from=${from}&to=${from + random(start + EVENTS - from)}`;
      }),
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
    "rounds page p50/p99 (ms)": `${r.roundsPage.p50} / ${r.roundsPage.p99}`,
    "average p50/p99 (ms)": `${r.average.p50} / ${r.average.p99}`,
  })),
);
process.exit(0);
