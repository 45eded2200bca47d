/**
 * The indexer against a throwaway local chain, in one command:
 *   npm run indexer:local [-- --port 8545 --api-port 42069 --rounds 24 --every 5]
 * Starts Hardhat's chain on 127.0.0.1, deploys Computus, publishes `--rounds` hourly rounds on
 * every GPU index, starts the indexer (PGlite in a temporary directory) and keeps publishing a
 * round per GPU index every `--every` seconds (0: never) until Ctrl-C, which stops everything.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { indexOracleAbi } from "../sdk/src/generated/abis.js";
import { toIndexId } from "../sdk/src/oracle/indexId.js";
import { startLocalChain } from "../test/support/localChain.js";
import { deployLocal, submitHourlyRounds } from "../test/support/oracle.js";
import { startPonder } from "../test/support/ponderProcess.js";
import { DEFAULT_INDEXES } from "./deploy/indexes.js";

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

const gpuIndexes = DEFAULT_INDEXES.filter((index) => index.name.endsWith("-HR")).map((index) => index.name);
const basePrices = [2_134_500n, 3_050_000n, 5_200_000n];

const chain = await startLocalChain(number("port") === 0 ? {} : { port: number("port") });
console.log(`chain     ${chain.url} (chain id ${chain.chainId})`);
const local = await deployLocal(chain);
console.log(`oracle    ${local.oracle}`);
let seed = 1;
for (const [i, name] of gpuIndexes.entries()) {
  await submitHourlyRounds(chain, local, name, number("rounds"), basePrices[i] ?? 1_000_000n, seed++);
}
const pgliteDir = await mkdtemp(join(tmpdir(), "computus-pglite-"));
const ponder = await startPonder({
  schema: "computus_local",
  rpcUrl: chain.url,
  chainId: chain.chainId,
  deploymentsDir: local.deploymentsDir,
  pgliteDir,
  port: number("api-port") === 0 ? undefined : number("api-port"),
});
const readyMs = await ponder.waitReady();
console.log(`indexer   ${ponder.url} (ready in ${readyMs} ms)`);
console.log(`          ${ponder.url}/api/indexes`);
console.log(`          ${ponder.url}/api/indexes/${gpuIndexes[0]}/rounds?limit=5`);
console.log(`          ${ponder.url}/graphql`);
console.log("Ctrl-C stops the chain and the indexer.");

let stopping = false;
const every = number("every");
const timer =
  every === 0
    ? undefined
    : setInterval(async () => {
        if (stopping) return;
        for (const [i, name] of gpuIndexes.entries()) {
          const client = await chain.viem.getPublicClient();
          const { price } = await client.readContract({
            address: local.oracle,
            abi: indexOracleAbi,
            functionName: "latestRound",
            args: [toIndexId(name)],
          });
          await submitHourlyRounds(chain, local, name, 1, price || (basePrices[i] ?? 1_000_000n), seed++).catch(
            (error: Error) => console.error(`round for ${name}: ${error.message}`),
          );
        }
      }, every * 1_000);

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (timer !== undefined) clearInterval(timer);
  await ponder.stop();
  await chain.close();
  await rm(pgliteDir, { recursive: true, force: true });
  await rm(local.deploymentsDir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
