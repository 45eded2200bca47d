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
 * - `COMPUTUS_PGLITE_DIR`       PGlite directory (default `.ponder/pglite`; on a local chain
 *                               `.ponder/pglite-<chainId>-<hash of the oracle's start block>`,
 *                               so a restarted local chain never resumes on the last one's rows)
 */
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import { capacityTokenAbi, clearingHouseAbi, indexOracleAbi } from "../sdk/src/generated/abis.js";
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
/** A contract the indexer needs from the deployment record. */
function required(name: "ClearingHouse" | "CapacityToken") {
  const contract = deployment.contracts[name];
  if (contract === undefined)
    throw new Error(`deployments/${chainId}.json records no ${name}: redeploy with deployComputus`);
  return contract;
}

const isLocal = process.env.COMPUTUS_LOCAL_CHAIN
  ? process.env.COMPUTUS_LOCAL_CHAIN === "true"
  : chainId === LOCAL_CHAIN_ID;

const databaseUrl = process.env.DATABASE_URL;

/**
 * The hash of block `number` (a local chain's identity: a restarted chain deploys the same
 * addresses at the same blocks, but its blocks hash differently), or undefined if unreachable.
 */
async function blockHash(number: number): Promise<string | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getBlockByNumber",
        params: [`0x${number.toString(16)}`, false],
      }),
      signal: AbortSignal.timeout(3_000),
    });
    const { result } = (await response.json()) as { result?: { hash?: string } | null };
    return result?.hash ?? undefined;
  } catch {
    return undefined;
  }
}

async function pgliteDirectory(): Promise<string> {
  const configured = process.env.COMPUTUS_PGLITE_DIR;
  if (configured) return configured;
  if (!isLocal) return ".ponder/pglite";
  const hash = await blockHash(deployment.contracts.IndexOracle.startBlock);
  return hash === undefined ? ".ponder/pglite" : `.ponder/pglite-${chainId}-${hash.slice(2, 14)}`;
}

export default createConfig({
  database: databaseUrl
    ? { kind: "postgres", connectionString: databaseUrl }
    : { kind: "pglite", directory: await pgliteDirectory() },
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
    // The whole ABI: the extension and the reader run by delegatecall and the order books live
    // inside the clearing house, so every event of theirs is emitted at its address.
    ClearingHouse: {
      chain: "computus",
      abi: clearingHouseAbi,
      address: required("ClearingHouse").address,
      startBlock: required("ClearingHouse").startBlock,
    },
    CapacityToken: {
      chain: "computus",
      abi: capacityTokenAbi,
      address: required("CapacityToken").address,
      startBlock: required("CapacityToken").startBlock,
    },
  },
});
