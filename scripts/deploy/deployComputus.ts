import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Address, keccak256, stringToHex } from "viem";
import { DEPLOYMENT_FORMAT_VERSION, type Deployment, parseDeployment } from "../../sdk/src/deployment/deployment.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { assertClearingHouseCoreAt, predictClearingHouseCore } from "./clearingHouseAddress.js";
import { DEFAULT_INDEXES, type IndexDefinition } from "./indexes.js";
import { defaultMarketTemplates, listMarket, type MarketTemplate, nextMonthWindow } from "./markets.js";

/** The clearing house's fixed risk parameters (see ClearingHouseStorage.RiskParams). */
export type ClearingHouseRisk = {
  readonly liquidationPenaltyBps: number;
  readonly liquidatorShareBps: number;
  readonly insuranceFeeShareBps: number;
  readonly disputePeriod: number;
  readonly gracePeriod: number;
  readonly markPeriod: number;
};

/**
 * Defaults: a 1 % liquidation penalty shared half and half between liquidator and insurance;
 * 20 % of fees to insurance; a day to dispute a final price; 3 days before a stopped index
 * settles at its last good average; the traded-price average moves fully in 10 minutes.
 */
export const DEFAULT_RISK: ClearingHouseRisk = {
  liquidationPenaltyBps: 100,
  liquidatorShareBps: 5_000,
  insuranceFeeShareBps: 2_000,
  disputePeriod: 86_400,
  gracePeriod: 3 * 86_400,
  markPeriod: 600,
};

/** Ring slots pre-filled per transaction, to stay well inside a block's gas limit (~22,100 each). */
const RING_CHUNK = 400;

export type DeployComputusParameters = {
  readonly viem: HardhatViemHelpers;
  /** Holds the admin roles. Default: the first wallet client. */
  readonly admin?: Address;
  /** Pauses indexes and confirms large moves. Default: the admin. */
  readonly guardian?: Address;
  /** An existing collateral token; default: a fresh 6-decimal mock USDC (local chains only). */
  readonly collateral?: Address;
  readonly indexes?: readonly IndexDefinition[];
  /** Publishers allowed on every index. */
  readonly publishers?: readonly Address[];
  /** The clearing house's risk parameters. Default `DEFAULT_RISK`. */
  readonly risk?: ClearingHouseRisk;
  /**
   * Markets to list, each for next calendar month (`nextMonthWindow`). Default: the monthly
   * H100, H200, B200 and power markets (`defaultMarketTemplates`) whose index is registered;
   * `[]` lists none (tests list their own windows with `listMarket`).
   */
  readonly markets?: readonly MarketTemplate[];
  /** Capacity tokens: seconds after a delivery window before an undelivered redemption is compensated. Default 2 days. */
  readonly capacityDeliveryGrace?: number;
};

/**
 * Deploys Computus on the connected chain and returns its deployment record: the collateral
 * token, the index oracle with its indexes registered, rings grown, and publishers added; the
 * clearing house (reader, extension, core: the order books are inside it) and the capacity token;
 * the default markets listed.
 */
export async function deployComputus(parameters: DeployComputusParameters): Promise<Deployment> {
  const { viem, indexes = DEFAULT_INDEXES, publishers = [] } = parameters;
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  if (!deployer) throw new Error("deployComputus: the network has no wallet client to deploy with");
  const admin = parameters.admin ?? deployer.account.address;
  const guardian = parameters.guardian ?? admin;

  const collateral = parameters.collateral
    ? await viem.getContractAt("MockERC20", parameters.collateral)
    : await viem.deployContract("MockERC20", ["USD Coin (local)", "USDC", 6]);
  const collateralDecimals = await collateral.read.decimals();

  // The oracle pushes every round to the clearing house's core: its address first (clearingHouseAddress.ts).
  const predictedCore = await predictClearingHouseCore(publicClient, deployer.account.address);
  const oracleDeployment = await viem.sendDeploymentTransaction("IndexOracle", [admin, guardian, predictedCore]);
  const oracleReceipt = await publicClient.waitForTransactionReceipt({
    hash: oracleDeployment.deploymentTransaction.hash,
  });
  const oracle = oracleDeployment.contract;

  // Clearing house: three contracts sharing one storage layout, deployed reader, extension, core
  // (each takes the previous one's address); the order books live inside it. Users call only the
  // core: its fallback delegates to the extension, whose fallback delegates to the reader.
  const chArgs = [collateral.address, oracle.address, admin, admin, guardian, parameters.risk ?? DEFAULT_RISK] as const;
  const reader = await viem.sendDeploymentTransaction("ClearingHouseReader", [...chArgs]);
  const readerReceipt = await publicClient.waitForTransactionReceipt({ hash: reader.deploymentTransaction.hash });
  const extension = await viem.sendDeploymentTransaction("ClearingHouseExtension", [
    ...chArgs,
    reader.contract.address,
  ]);
  const extensionReceipt = await publicClient.waitForTransactionReceipt({
    hash: extension.deploymentTransaction.hash,
  });
  const core = await viem.sendDeploymentTransaction("ClearingHouse", [...chArgs, extension.contract.address]);
  const coreReceipt = await publicClient.waitForTransactionReceipt({ hash: core.deploymentTransaction.hash });
  assertClearingHouseCoreAt(core.contract.address, predictedCore);

  for (const index of indexes) {
    const indexId = toIndexId(index.name);
    const initialRing = Math.min(index.ringCardinality, RING_CHUNK);
    await confirm(
      oracle.write.registerIndex([
        indexId,
        {
          description: index.description,
          methodologyURI: index.methodologyURI,
          methodologyHash: keccak256(stringToHex(index.methodologyURI)),
          decimals: collateralDecimals,
        },
        {
          quorum: index.quorum,
          maxMoveBps: index.maxMoveBps,
          maxAge: index.maxAge,
          maxSubmissionDelay: index.maxSubmissionDelay,
          businessDaysOnly: index.businessDaysOnly,
        },
        initialRing,
      ]),
    );
    for (let size = initialRing; size < index.ringCardinality; ) {
      size = Math.min(size + RING_CHUNK, index.ringCardinality);
      await confirm(oracle.write.growRing([indexId, size]));
    }
    for (const publisher of publishers) await confirm(oracle.write.addPublisher([indexId, publisher]));
  }

  const capacity = await viem.sendDeploymentTransaction("CapacityToken", [
    "https://computus.example/capacity/{id}.json",
    collateral.address,
    oracle.address,
    parameters.capacityDeliveryGrace ?? 2 * 86_400,
    admin,
  ]);
  const capacityReceipt = await publicClient.waitForTransactionReceipt({ hash: capacity.deploymentTransaction.hash });
  // Covered shorts: the clearing house takes this token's units (owner only, once).
  if (admin.toLowerCase() === deployer.account.address.toLowerCase()) {
    const ch = await viem.getContractAt("IClearingHouse", core.contract.address);
    await confirm(ch.write.setCapacityToken([capacity.contract.address]));
  }

  const registered = new Set(indexes.map((index) => index.name));
  const templates =
    parameters.markets ?? defaultMarketTemplates(collateralDecimals).filter((t) => registered.has(t.indexName));
  if (templates.length > 0) {
    if (admin.toLowerCase() !== deployer.account.address.toLowerCase()) {
      throw new Error("deployComputus: markets are listed by the market admin; deploy with admin = deployer");
    }
    const now = Number((await publicClient.getBlock()).timestamp);
    for (const template of templates) {
      await listMarket({
        publicClient,
        wallet: deployer,
        clearingHouse: core.contract.address,
        template,
        window: nextMonthWindow(now),
      });
    }
  }

  async function confirm(hash: Promise<`0x${string}`>): Promise<void> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success")
      throw new Error(`deployComputus: transaction ${receipt.transactionHash} reverted`);
  }

  return parseDeployment({
    version: DEPLOYMENT_FORMAT_VERSION,
    chainId: await publicClient.getChainId(),
    collateral: { address: collateral.address, symbol: await collateral.read.symbol(), decimals: collateralDecimals },
    contracts: {
      IndexOracle: { address: oracle.address, startBlock: Number(oracleReceipt.blockNumber) },
      ClearingHouse: { address: core.contract.address, startBlock: Number(coreReceipt.blockNumber) },
      ClearingHouseExtension: {
        address: extension.contract.address,
        startBlock: Number(extensionReceipt.blockNumber),
      },
      ClearingHouseReader: { address: reader.contract.address, startBlock: Number(readerReceipt.blockNumber) },
      CapacityToken: { address: capacity.contract.address, startBlock: Number(capacityReceipt.blockNumber) },
    },
  });
}
