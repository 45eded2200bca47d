import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Address, keccak256, stringToHex } from "viem";
import { DEPLOYMENT_FORMAT_VERSION, type Deployment, parseDeployment } from "../../sdk/src/deployment/deployment.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { DEFAULT_INDEXES, type IndexDefinition } from "./indexes.js";

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
};

/**
 * Deploys Computus on the connected chain and returns its deployment record: the collateral
 * token, the index oracle with its indexes registered, rings grown, and publishers added.
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

  const oracleDeployment = await viem.sendDeploymentTransaction("IndexOracle", [admin, guardian]);
  const oracleReceipt = await publicClient.waitForTransactionReceipt({
    hash: oracleDeployment.deploymentTransaction.hash,
  });
  const oracle = oracleDeployment.contract;

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
    },
  });
}
