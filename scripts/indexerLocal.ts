/**
 * The indexer against a throwaway local chain, in one command:
 *   npm run indexer:local [-- --port 8545 --api-port 42069 --rounds 24 --every 5]
 * Starts Hardhat's chain on 127.0.0.1, deploys Computus, publishes `--rounds` hourly rounds on
 * every GPU index, starts the indexer (PGlite in a temporary directory) and keeps publishing a
 * round per GPU index every `--every` seconds (0: never) until Ctrl-C, which stops everything.
 */
import { parseArgs } from "node:util";
import { indexOracleAbi } from "../sdk/src/generated/abis.js";
import { toIndexId } from "../sdk/src/oracle/indexId.js";
import { submitHourlyRounds } from "../test/support/oracle.js";
import { GPU_BASE_PRICES, startLocalStack } from "../test/support/stack.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "api-port": { type: "string", default: "0" },
    rounds: { type: "string", default: "24" },
    every: { type: "string", default: "5" },
  },
});
const number = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name}: "${values[name]}" is not a whole number`);
  return value;
};

const started = Date.now();
const stack = await startLocalStack({
  chain: number("port") === 0 ? {} : { port: number("port") },
  rounds: number("rounds"),
  schema: "computus_local",
  apiPort: number("api-port") === 0 ? undefined : number("api-port"),
});
const { chain, local, ponder } = stack;
if (ponder === undefined) throw new Error("the indexer did not start");
console.log(`chain     ${chain.url} (chain id ${chain.chainId})`);
console.log(`oracle    ${local.oracle}`);
console.log(`indexer   ${ponder.url} (everything up in ${Date.now() - started} ms)`);
for (const path of ["/api/indexes", "/api/indexes/H100-SXM-USD-HR/rounds?limit=5", "/graphql"]) {
  console.log(`          ${ponder.url}${path}`);
}
console.log("Ctrl-C stops the chain and the indexer.");

let stopping = false;
let seed = 100;
const every = number("every");
const timer =
  every === 0
    ? undefined
    : setInterval(async () => {
        if (stopping) return;
        const client = await chain.viem.getPublicClient();
        for (const [name, base] of Object.entries(GPU_BASE_PRICES)) {
          try {
            const { price } = await client.readContract({
              address: local.oracle,
              abi: indexOracleAbi,
              functionName: "latestRound",
              args: [toIndexId(name)],
            });
            await submitHourlyRounds(chain, local, name, 1, price || base, seed++);
          } catch (error) {
            if (!stopping) console.error(`round for ${name}: ${(error as Error).message}`);
          }
        }
      }, every * 1_000);

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (timer !== undefined) clearInterval(timer);
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
