/**
 * `npm run bench:sdk`: how long the SDK's off-chain work takes, per operation, on this machine.
 *   - build and sign an oracle observation (EIP-712, compact signature, signer check)
 *   - compute an index from 1,000 provider quotes (filters, Hampel outliers, provider cap, weighted median)
 *   - build a 5-publisher round, verify a received observation, sign through the ethers adapter
 *   - on a local chain over HTTP (scripts/bench/sdkChain.ts): an order's path to a signed
 *     transaction (build, check, simulate, sign; not sent), a 50-level book read, and a keeper's
 *     scan of 1,000 accounts with positions (multicall), beside the one-call-per-account scan
 * Median (p50) and p95 of each; the on-chain cases over a fixed number of runs.
 * Options: --json (machine output), --quick (shorter runs, 200 accounts), --offline (no chain).
 */
import { Wallet } from "ethers";
import { createWalletClient, custom, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { signObservation } from "../../sdk/src/actions/wallet/signObservation.js";
import { ethersAccount } from "../../sdk/src/adapters/ethers.js";
import { computeIndex, type ProviderQuote } from "../../sdk/src/math/indexMethod.js";
import { buildRound, type PublisherObservation } from "../../sdk/src/oracle/buildRound.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { observationToJson, parseObservation } from "../../sdk/src/oracle/observationJson.js";
import { observationTypedData } from "../../sdk/src/oracle/typedData.js";
import { type BenchCase, type BenchFigure, runCase } from "./sdkBench.js";
import { chainBench } from "./sdkChain.js";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const noChain = process.argv.includes("--offline");
const options = { minTimeMs: quick ? 300 : 2_000, warmupMs: quick ? 100 : 500, maxIterations: 1_000_000 };

const ORACLE = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const CHAIN_ID = 31_337;
const INDEX = toIndexId("H100-SXM-USD-HR");
const NOW = 1_796_212_800n;
const keys: Hex[] = ["11", "22", "33", "44", "55"].map((byte): Hex => `0x${byte.repeat(32)}`);

/** No RPC: signing needs none, and a request would be a bug in what is timed. */
const offline = custom({
  request: async ({ method }: { method: string }) => {
    throw new Error(`bench: unexpected RPC request ${method}`);
  },
});

/** 1,000 quotes: 50 providers × 20 listings around $2.10, 2 % wild prints, 5 % stale. Deterministic. */
function quotes(count: number): ProviderQuote[] {
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, (_, i) => {
    const wild = random() < 0.02;
    const stale = random() < 0.05;
    return {
      provider: `provider-${i % 50}`,
      price: BigInt(Math.round(2_100_000 * (wild ? 3 + random() * 5 : 0.9 + random() * 0.2))),
      weight: BigInt(1 + Math.floor(random() * 512)),
      timestamp: NOW - (stale ? 200_000n : BigInt(Math.floor(random() * 80_000))),
    };
  });
}

const observation = (timestamp: number, price: bigint) =>
  ({
    oracle: ORACLE,
    chainId: CHAIN_ID,
    indexId: INDEX,
    timestamp,
    price,
  }) as const;

const cases: BenchCase[] = [
  {
    name: "build + sign an observation (signObservation, viem key)",
    setup: () => {
      const client = createWalletClient({ account: privateKeyToAccount(keys[0] as Hex), transport: offline });
      let t = 0;
      return () => signObservation(client, observation(1_796_212_800 + (t++ % 1_000), 2_134_500n));
    },
  },
  {
    name: "sign the EIP-712 observation only (account.signTypedData)",
    setup: () => {
      const account = privateKeyToAccount(keys[0] as Hex);
      let t = 0;
      return () => account.signTypedData(observationTypedData(observation(1_796_212_800 + (t++ % 1_000), 2_134_500n)));
    },
  },
  {
    name: "build + sign an observation through the ethers adapter (Wallet)",
    setup: async () => {
      const client = createWalletClient({
        account: await ethersAccount(new Wallet(keys[0] as Hex)),
        transport: offline,
      });
      let t = 0;
      return () => signObservation(client, observation(1_796_212_800 + (t++ % 1_000), 2_134_500n));
    },
  },
  {
    name: "computeIndex from 1,000 quotes",
    setup: () => {
      const input = quotes(1_000);
      return () => computeIndex(input, { now: NOW, maxQuoteAge: 86_400n });
    },
  },
  {
    name: "computeIndex from 100 quotes",
    setup: () => {
      const input = quotes(100);
      return () => computeIndex(input, { now: NOW, maxQuoteAge: 86_400n });
    },
  },
  {
    name: "buildRound from 5 publishers' observations",
    setup: async () => {
      const signed: PublisherObservation[] = await Promise.all(
        keys.map((key, i) =>
          signObservation(
            createWalletClient({ account: privateKeyToAccount(key), transport: offline }),
            observation(1_796_212_800, 2_130_000n + BigInt(i) * 1_000n),
          ),
        ),
      );
      return () => buildRound(signed);
    },
  },
  {
    name: "parseObservation: verify a received observation (JSON → checked)",
    setup: async () => {
      const client = createWalletClient({ account: privateKeyToAccount(keys[1] as Hex), transport: offline });
      const received = observationToJson(await signObservation(client, observation(1_796_212_800, 2_134_500n)));
      return () => parseObservation(received);
    },
  },
];

/** Microseconds as milliseconds, 3 significant digits. */
const ms = (us: number) => Number((us / 1000).toPrecision(3));

const figures: BenchFigure[] = [];
for (const benchCase of cases) figures.push(await runCase(benchCase, options));
let setupSeconds: number | undefined;
let requests: Record<string, number> = {};
if (!noChain) {
  const chain = await chainBench(quick ? { accounts: 200, liquidatable: 10 } : {});
  setupSeconds = chain.setupSeconds;
  try {
    for (const benchCase of chain.cases) figures.push(await runCase(benchCase, options));
    requests = await chain.requests();
  } finally {
    await chain.close();
  }
}

if (json) {
  console.log(
    JSON.stringify(
      {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        chainSetupSeconds: setupSeconds,
        figures,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`SDK benchmark (${process.version}, ${process.platform}-${process.arch}; times per operation)`);
  console.table(
    Object.fromEntries(
      figures.map(({ name, iterations, meanUs, p50Us, p95Us, p99Us, opsPerSecond }) => [
        name,
        {
          "median ms": ms(p50Us),
          "p95 ms": ms(p95Us),
          "p99 ms": ms(p99Us),
          "mean ms": ms(meanUs),
          "RPC requests": requests[name] ?? 0,
          "ops/s": opsPerSecond,
          runs: iterations,
        },
      ]),
    ),
  );
  if (setupSeconds !== undefined)
    console.log(`Chain set-up (deploy, book, accounts; untimed above): ${setupSeconds.toFixed(1)} s`);
}
