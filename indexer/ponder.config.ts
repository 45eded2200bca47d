/**
 * Ponder configuration, built from the deployment record the deploy step writes
 * (`deployments/<chainId>.json`): the chain, the contracts' addresses and their start blocks.
 *
 * Environment:
 * - `COMPUTUS_CHAIN_ID`         chain to index (default 31337, the local chain)
 * - `COMPUTUS_RPC_URL`          JSON-RPC endpoint (default http://127.0.0.1:8545)
 * - `COMPUTUS_DEPLOYMENTS_DIR`  directory of the records (default `../deployments`, the repository's)
 * - `COMPUTUS_POLLING_INTERVAL` milliseconds between polls for new blocks (default 1000; 200 on 31337)
 * - `COMPUTUS_LOCAL_CHAIN`      `true`: treat the chain as a throwaway local chain (no RPC cache,
 *                               fast polling) whatever its id; default: only for 31337
 * - `DATABASE_URL`              PostgreSQL connection string; unset or empty: PGlite
 * - `COMPUTUS_PGLITE_DIR`       PGlite directory (default `.ponder/pglite`)
 */
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import { indexOracleAbi } from "../sdk/src/generated/abis.js";
import { loadDeployment } from "../sdk/src/node.js";

const LOCAL_CHAIN_ID = 31337;

function integerFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name}: "${raw}" is not an integer ≥ ${min}`);
  return value;
}

const chainId = integerFromEnv("COMPUTUS_CHAIN_ID", LOCAL_CHAIN_ID, 1);
const rpcUrl = process.env.COMPUTUS_RPC_URL || "http://127.0.0.1:8545";
const deploymentsDir =
  process.env.COMPUTUS_DEPLOYMENTS_DIR || fileURLToPath(new URL("../deployments", import.meta.url));
const deployment = await loadDeployment(chainId, { directory: deploymentsDir });
const isLocal = process.env.COMPUTUS_LOCAL_CHAIN
  ? process.env.COMPUTUS_LOCAL_CHAIN === "true"
  : chainId === LOCAL_CHAIN_ID;

const databaseUrl = process.env.DATABASE_URL;

export default createConfig({
  database: databaseUrl
    ? { kind: "postgres", connectionString: databaseUrl }
    : { kind: "pglite", directory: process.env.COMPUTUS_PGLITE_DIR || ".ponder/pglite" },
  chains: {
    // One chain per indexer process; its name is fixed so handlers and the API stay typed.
    computus: {
      id: chainId,
      rpc: rpcUrl,
      // A local chain mines on demand: poll often. Ponder caches RPC data by chain id, and a
      // restarted local chain reuses 31337 with different blocks: never cache it.
      pollingInterval: integerFromEnv("COMPUTUS_POLLING_INTERVAL", isLocal ? 200 : 1_000, 100),
      disableCache: isLocal,
    },
  },
  contracts: {
    IndexOracle: {
      chain: "computus",
      abi: indexOracleAbi,
      address: deployment.contracts.IndexOracle.address,
      startBlock: deployment.contracts.IndexOracle.startBlock,
    },
    // ClearingHouse and OrderBook drop in here once their ABIs are generated into
    // sdk/src/generated/abis.ts, from `deployment.contracts.ClearingHouse` and `.OrderBook`.
  },
});
