/**
 * Test helpers (not exported by the package): Computus deployed on Hardhat's in-process chain.
 * Imports Hardhat, so only tests and scripts import this file.
 */
import { network } from "hardhat";
import { type Account, createWalletClient, type Hex, publicActions } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { deployComputus } from "../../../scripts/deploy/deployComputus.js";
import type { IndexDefinition } from "../../../scripts/deploy/indexes.js";
import { computusActions } from "../decorators/computus.js";
import { eip1193 } from "../transports/eip1193.js";

/** Deterministic publisher keys 0x1111…, 0x2222…, … (never funded: publishers only sign). */
export const testPublisherKeys: readonly Hex[] = ["11", "22", "33", "44", "55"].map(
  (byte): Hex => `0x${byte.repeat(32)}`,
);
export const testPublishers: readonly PrivateKeyAccount[] = testPublisherKeys.map((key) => privateKeyToAccount(key));

/** An hourly test index: quorum `quorum`, 15 % move guard, 2 h maximum age. */
export function testIndex(name: string, overrides: Partial<IndexDefinition> = {}): IndexDefinition {
  return {
    name,
    description: `${name} (test)`,
    methodologyURI: "docs/index-methodology.md",
    quorum: 3,
    maxMoveBps: 1_500,
    maxAge: 2 * 3_600,
    maxSubmissionDelay: 3_600,
    businessDaysOnly: false,
    ringCardinality: 16,
    ...overrides,
  };
}

export type DeployLocalParameters = {
  /** Indexes to register; default the deployment's defaults. */
  readonly indexes?: readonly IndexDefinition[];
  /** How many of `testPublishers` to allow. Default 3. */
  readonly publishers?: number;
};

/**
 * A fresh in-process chain with Computus deployed. `admin` (the first Hardhat account) holds the
 * admin and guardian roles; `submitter` is a second funded account, bound to the deployment.
 */
export async function deployLocal({ indexes, publishers = 3 }: DeployLocalParameters = {}) {
  const connection = await network.create();
  const { viem, networkHelpers, provider } = connection;
  const deployment = await deployComputus({
    viem,
    ...(indexes ? { indexes } : {}),
    publishers: testPublishers.slice(0, publishers).map((account) => account.address),
  });
  const publicClient = await viem.getPublicClient();
  const chain = publicClient.chain;
  const [adminWallet, submitterWallet] = await viem.getWalletClients();
  if (!adminWallet || !submitterWallet) throw new Error("deployLocal: Hardhat has fewer than two accounts");
  const oracle = await viem.getContractAt("IndexOracle", deployment.contracts.IndexOracle.address);
  const bind = (account: Account) =>
    createWalletClient({ account, chain, transport: eip1193(provider) })
      .extend(publicActions)
      .extend(computusActions(deployment));
  return {
    connection,
    viem,
    networkHelpers,
    provider,
    deployment,
    chain,
    publicClient,
    oracle,
    admin: bind(adminWallet.account),
    submitter: bind(submitterWallet.account),
    publisherClients: testPublishers.map((account) => bind(account)),
  };
}

export type LocalChain = Awaited<ReturnType<typeof deployLocal>>;
