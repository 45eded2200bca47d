/**
 * Deploys Computus on a {@link LocalChain} and feeds its oracle: publishers sign observations
 * with the SDK (EIP-712, compact signatures), a round is built (signers ascending) and submitted
 * with the block's timestamp set to the round's, so fixings can be hours apart in a test.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, createWalletClient, custom, type Hex } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { deployComputus } from "../../scripts/deploy/deployComputus.js";
import { DEFAULT_INDEXES, type IndexDefinition } from "../../scripts/deploy/indexes.js";
import { signObservation } from "../../sdk/src/actions/wallet/signObservation.js";
import type { Deployment } from "../../sdk/src/deployment/deployment.js";
import { indexOracleAbi } from "../../sdk/src/generated/abis.js";
import { writeDeployment } from "../../sdk/src/node.js";
import { buildRound } from "../../sdk/src/oracle/buildRound.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import type { LocalChain } from "./localChain.js";

/** Hardhat's well-known development keys (accounts 1 to 5): never use them on a real network. */
export const PUBLISHER_KEYS = [
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
] as const;

export const publisherAccounts: readonly PrivateKeyAccount[] = PUBLISHER_KEYS.map((key) => privateKeyToAccount(key));

export type LocalDeployment = {
  readonly deployment: Deployment;
  /** The temporary directory holding `<chainId>.json` (for `COMPUTUS_DEPLOYMENTS_DIR`). */
  readonly deploymentsDir: string;
  readonly oracle: Address;
};

export type DeployLocalOptions = {
  /** Publishers (from {@link publisherAccounts}) added to every index. Default 3. */
  readonly publisherCount?: number;
  /** Indexes to register. Default: the deployment's defaults. */
  readonly indexes?: readonly IndexDefinition[];
};

/** Deploys Computus and writes its record to a fresh temporary directory. */
export async function deployLocal(
  chain: LocalChain,
  { publisherCount = 3, indexes = DEFAULT_INDEXES }: DeployLocalOptions = {},
): Promise<LocalDeployment> {
  const deployment = await deployComputus({
    viem: chain.viem,
    indexes,
    publishers: publisherAccounts.slice(0, publisherCount).map((account) => account.address),
  });
  const deploymentsDir = await mkdtemp(join(tmpdir(), "computus-deployments-"));
  await writeDeployment(deployment, { directory: deploymentsDir });
  return { deployment, deploymentsDir, oracle: deployment.contracts.IndexOracle.address };
}

const offline = () => custom({ request: async () => Promise.reject(new Error("offline signer")) });

export type SubmitRoundParameters = {
  readonly indexName: string;
  /** The round's fixing time; the block that records it gets this timestamp. Default: head + 3600. */
  readonly timestamp?: number;
  /** One price per publisher (publishers 0, 1, 2 …). */
  readonly prices: readonly bigint[];
  /** Submit as the guardian with `submitConfirmed` (accepts a move beyond the guard). */
  readonly confirmed?: boolean;
};

export type SubmittedRound = {
  readonly indexId: Hex;
  readonly roundId: number;
  readonly timestamp: number;
  readonly price: bigint;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
};

/** Signs, builds and submits one round; its block is mined at the round's timestamp. */
export async function submitRound(
  chain: LocalChain,
  { deployment, oracle }: LocalDeployment,
  { indexName, timestamp, prices, confirmed = false }: SubmitRoundParameters,
): Promise<SubmittedRound> {
  const indexId = toIndexId(indexName);
  const time = timestamp ?? Number((await chain.head()).timestamp) + 3600;
  const observations = await Promise.all(
    prices.map((price, i) => {
      const account = publisherAccounts[i];
      if (account === undefined) throw new Error(`submitRound: no publisher ${i}`);
      return signObservation(createWalletClient({ account, transport: offline() }), {
        oracle,
        chainId: deployment.chainId,
        indexId,
        timestamp: time,
        price,
      });
    }),
  );
  const round = buildRound(observations);
  // Account 0 deployed the oracle: it is the admin and the guardian.
  const [submitter] = await chain.viem.getWalletClients();
  if (submitter === undefined) throw new Error("submitRound: the chain has no wallet client");
  const publicClient = await chain.viem.getPublicClient();
  await chain.rpc("evm_setNextBlockTimestamp", [`0x${time.toString(16)}`]);
  const hash = await submitter.writeContract({
    address: oracle,
    abi: indexOracleAbi,
    functionName: confirmed ? "submitConfirmed" : "submit",
    args: [indexId, time, round.observations.map((o) => ({ price: o.price, r: o.r, vs: o.vs }))],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`submitRound: ${hash} reverted`);
  const { roundId } = await publicClient.readContract({
    address: oracle,
    abi: indexOracleAbi,
    functionName: "latestRound",
    args: [indexId],
    blockNumber: receipt.blockNumber,
  });
  return {
    indexId,
    roundId,
    timestamp: time,
    price: round.price,
    blockNumber: receipt.blockNumber,
    transactionHash: hash,
  };
}

/**
 * Submits `count` hourly rounds of `indexName` around `basePrice`, each within the oracle's move
 * guard (a few per cent), with three publishers' prices spread around the round's level.
 */
export async function submitHourlyRounds(
  chain: LocalChain,
  local: LocalDeployment,
  indexName: string,
  count: number,
  basePrice = 2_134_500n,
  seed = 1,
): Promise<SubmittedRound[]> {
  const rounds: SubmittedRound[] = [];
  let level = basePrice;
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return BigInt(state % 1_000);
  };
  for (let i = 0; i < count; i++) {
    // Move the level by −2.5 % … +2.5 %, publishers ±0.5 % around it.
    level = (level * (97_500n + next() * 5n)) / 100_000n;
    const prices = [0, 1, 2].map(() => (level * (99_500n + next())) / 100_000n);
    rounds.push(await submitRound(chain, local, { indexName, prices }));
  }
  return rounds;
}
