/**
 * The deployment record the indexer was started on (the same `deployments/<chainId>.json` that
 * ponder.config.ts reads, from the same environment), for the few things handlers and the API
 * need besides events: the clearing house's and the collateral token's addresses.
 */
import { fileURLToPath } from "node:url";
import type { Address } from "viem";
import type { Deployment } from "../../../sdk/src/deployment/deployment.js";
import { loadDeployment } from "../../../sdk/src/node.js";

export const chainId = Number(process.env.COMPUTUS_CHAIN_ID || 31337);
export const rpcUrl = process.env.COMPUTUS_RPC_URL || "http://127.0.0.1:8545";

export const deployment: Deployment = await loadDeployment(chainId, {
  directory: process.env.COMPUTUS_DEPLOYMENTS_DIR || fileURLToPath(new URL("../../../deployments", import.meta.url)),
});

function address(name: "ClearingHouse" | "CapacityToken"): Address {
  const contract = deployment.contracts[name];
  if (contract === undefined) throw new Error(`deployments/${chainId}.json records no ${name}`);
  return contract.address as Address;
}

export const clearingHouseAddress = address("ClearingHouse");
export const collateralAddress = deployment.collateral.address as Address;
