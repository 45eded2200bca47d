/**
 * Test helpers (not exported by the package): Computus deployed on Hardhat's in-process chain.
 * Imports Hardhat, so only tests and scripts import this file.
 */
import { network } from "hardhat";
import { type Account, type Address, createWalletClient, type Hex, publicActions, type Transport } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { deployComputus } from "../../../scripts/deploy/deployComputus.js";
import type { IndexDefinition } from "../../../scripts/deploy/indexes.js";
import { defaultMarketTemplates, listMarket, type MarketTemplate } from "../../../scripts/deploy/markets.js";
import { computusActions } from "../decorators/computus.js";
import { toIndexId } from "../oracle/indexId.js";
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
  /** Monthly markets to list at deployment; default none (tests list their own windows with `listMarket`). */
  readonly markets?: readonly MarketTemplate[];
};

/**
 * A fresh in-process chain with Computus deployed. `admin` (the first Hardhat account) holds the
 * admin and guardian roles; `submitter` is a second funded account, bound to the deployment.
 */
export async function deployLocal({ indexes, publishers = 3, markets = [] }: DeployLocalParameters = {}) {
  const connection = await network.create();
  const { viem, networkHelpers, provider } = connection;
  const deployment = await deployComputus({
    viem,
    ...(indexes ? { indexes } : {}),
    publishers: testPublishers.slice(0, publishers).map((account) => account.address),
    markets,
  });
  const publicClient = await viem.getPublicClient();
  const chain = publicClient.chain;
  const [adminWallet, submitterWallet] = await viem.getWalletClients();
  if (!adminWallet || !submitterWallet) throw new Error("deployLocal: Hardhat has fewer than two accounts");
  const oracle = await viem.getContractAt("IndexOracle", deployment.contracts.IndexOracle.address);
  /** An SDK client for `account` (over `transport`: default the chain's own provider). */
  const bind = (account: Account, transport: Transport = eip1193(provider)) =>
    createWalletClient({ account, chain, transport }).extend(publicActions).extend(computusActions(deployment));
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
    bind,
  };
}

export type LocalChain = Awaited<ReturnType<typeof deployLocal>>;

/** Publishes `price` for `indexName` at the chain's time, signed by three test publishers; waits for it. */
export async function publishTestRound(local: LocalChain, indexName: string, price: bigint): Promise<void> {
  const indexId = toIndexId(indexName);
  const timestamp = await local.networkHelpers.time.latest();
  const observations = await Promise.all(
    local.publisherClients.slice(0, 3).map((p) => p.signObservation({ indexId, timestamp, price })),
  );
  const { hash } = await local.submitter.submitRound({ indexId, timestamp, observations });
  const receipt = await local.submitter.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`publishTestRound: round ${hash} reverted`);
}

/**
 * Lists the default H100 template (6-decimal collateral) with a mark band of `bandBps`: trading
 * now, delivering over the second hour from now. Returns its id and the clearing house.
 */
export async function listTestMarket(
  local: LocalChain,
  { bandBps }: { bandBps: number },
): Promise<{ marketId: bigint; clearingHouse: Address }> {
  const [template] = defaultMarketTemplates(6);
  const [admin] = await local.viem.getWalletClients();
  if (!template || !admin) throw new Error("listTestMarket: no template or admin");
  const now = await local.networkHelpers.time.latest();
  const clearingHouse = local.deployment.contracts.ClearingHouse?.address as Address;
  const { marketId } = await listMarket({
    publicClient: local.publicClient,
    wallet: admin,
    clearingHouse,
    template: { ...template, bandBps },
    window: { tradingStart: now, windowStart: now + 3_600, windowEnd: now + 7_200 },
  });
  return { marketId, clearingHouse };
}
