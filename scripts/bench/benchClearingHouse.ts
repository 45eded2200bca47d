/**
 * The clearing house for the bench suites, deployed as a real deployment is: the index oracle,
 * then the clearing house (reader, extension, core) whose core is the oracle's subscriber, so
 * every round the suites publish pays for its push to the clearing house and every order prices
 * from the copy it receives.
 */
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import type { Address } from "viem";
import { assertClearingHouseCoreAt, predictClearingHouseCore } from "../deploy/clearingHouseAddress.js";
import { type BenchIndexParams, setUpBenchIndex } from "./benchOracle.js";

/** The clearing house's fixed risk parameters in every bench suite. */
export const RISK = {
  liquidationPenaltyBps: 100,
  liquidatorShareBps: 5_000,
  insuranceFeeShareBps: 2_000,
  disputePeriod: 86_400,
  gracePeriod: 3 * 86_400,
  markPeriod: 600,
} as const;

/**
 * Deploys the index oracle (H100 registered, as `deployBenchOracle` does) and a clearing house in
 * `token` on it, its subscriber; `admin` (the chain's first account, which deploys) holds every
 * role.
 */
export async function deployBenchOracleAndClearingHouse(
  viem: HardhatViemHelpers,
  admin: Address,
  token: Address,
  params: Partial<BenchIndexParams> = {},
) {
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  if (!deployer) throw new Error("the bench needs a wallet to deploy with");
  // The oracle's subscriber, the core, is deployed after it (../deploy/clearingHouseAddress.ts).
  const predictedCore = await predictClearingHouseCore(publicClient, deployer.account.address);
  const oracle = await viem.deployContract("IndexOracle", [admin, admin, predictedCore]);
  const args = [token, oracle.address, admin, admin, admin, RISK] as const;
  const reader = await viem.deployContract("ClearingHouseReader", [...args]);
  const extension = await viem.deployContract("ClearingHouseExtension", [...args, reader.address]);
  const core = await viem.deployContract("ClearingHouse", [...args, extension.address]);
  assertClearingHouseCoreAt(core.address, predictedCore);
  const ch = await viem.getContractAt("IClearingHouse", core.address);
  return { ...(await setUpBenchIndex(viem, oracle.address, params)), ch };
}
