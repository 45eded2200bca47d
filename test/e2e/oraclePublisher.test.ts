/**
 * The oracle publisher path end to end on Hardhat's in-process chain: three publishers compute
 * and sign observations with the SDK (viem), a keeper submits them, and the oracle's price and
 * time-weighted average equal the SDK's own math.
 */
import { network } from "hardhat";
import { createWalletClient, custom, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { deployComputus } from "../../scripts/deploy/deployComputus.js";
import {
  computusActions,
  type Deployment,
  MoveTooLargeError,
  NotPublisherError,
  QuorumNotMetError,
  toIndexId,
} from "../../sdk/src/index.js";
import { averagePriceDown, type PriceRound } from "../../sdk/src/math/twap.js";

const H100 = toIndexId("H100-SXM-USD-HR");
const HOUR = 3600;
const publisherAccounts = ["0x11", "0x22", "0x33", "0x44"].map((byte) =>
  privateKeyToAccount(`0x${byte.slice(2).repeat(32)}`),
);

async function setUp() {
  const connection = await network.create();
  const { viem, networkHelpers, provider } = connection;
  const publishers = publisherAccounts.slice(0, 3);
  const deployment: Deployment = await deployComputus({ viem, publishers: publishers.map((p) => p.address) });
  const chain = (await viem.getPublicClient()).chain;
  // Publishers sign off-line with their own keys; a separate keeper account sends the round.
  const publisherClients = publisherAccounts.map((account) =>
    createWalletClient({ account, chain, transport: custom(provider) }).extend(computusActions(deployment)),
  );
  const [keeperWallet] = await viem.getWalletClients();
  if (!keeperWallet) throw new Error("no wallet client");
  const keeper = createWalletClient({ account: keeperWallet.account, chain, transport: custom(provider) })
    .extend(publicActions)
    .extend(computusActions(deployment));
  return { deployment, networkHelpers, publisherClients, keeper };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function signRound(
  { publisherClients }: Setup,
  timestamp: number,
  prices: readonly bigint[],
  signers = [0, 1, 2],
) {
  return Promise.all(
    signers.map((i, position) =>
      (publisherClients[i] as Setup["publisherClients"][number]).signObservation({
        indexId: H100,
        timestamp,
        price: prices[position] as bigint,
      }),
    ),
  );
}

describe("oracle publisher on the in-process chain", () => {
  it("publishes rounds whose median and average match the SDK's math", async () => {
    const setup = await setUp();
    const { keeper, networkHelpers } = setup;
    await keeper.verifyDeployment({ checkCode: true });

    const start = (await networkHelpers.time.latest()) + 60;
    const fixings: PriceRound[] = [];
    const priceSets = [
      [2_134_500n, 2_120_000n, 2_150_000n],
      [2_160_000n, 2_140_000n, 2_171_000n],
      [2_090_000n, 2_110_000n, 2_100_000n],
    ];
    for (const [i, prices] of priceSets.entries()) {
      const timestamp = start + i * HOUR;
      // The fixing is signed once its time has passed, and lands in a later block.
      await networkHelpers.time.increaseTo(timestamp);
      const observations = await signRound(setup, timestamp, prices);
      const { hash, roundId, round } = await keeper.submitRound({ indexId: H100, timestamp, observations });
      const receipt = await keeper.waitForTransactionReceipt({ hash });
      expect(receipt.status).toBe("success");
      expect(roundId).toBe(i + 1);
      fixings.push({ timestamp: BigInt(timestamp), price: round.price });
    }

    const latest = await keeper.getLatestRound({ indexId: H100 });
    expect(latest?.price).toBe(2_100_000n); // median of the last round
    expect(fixings.map((f) => f.price)).toEqual([2_134_500n, 2_160_000n, 2_100_000n]);

    const end = start + 2 * HOUR + 1_800;
    await networkHelpers.time.increaseTo(end);
    const window = { start: BigInt(start + 1_200), end: BigInt(end) };
    const onChain = await keeper.getAveragePrice({ indexId: H100, ...window });
    expect(onChain).toBe(averagePriceDown(fixings, window.start, window.end));
  });

  it("refuses bad rounds with typed errors before any gas is spent", async () => {
    const setup = await setUp();
    const { keeper, networkHelpers } = setup;
    const timestamp = (await networkHelpers.time.latest()) + 60;
    await networkHelpers.time.setNextBlockTimestamp(timestamp);
    await networkHelpers.mine();
    const nonceBefore = await keeper.getTransactionCount({ address: keeper.account.address });

    // Two signatures where the quorum is three.
    const twoSigners = await signRound(setup, timestamp, [2_000_000n, 2_000_000n], [0, 1]);
    await expect(keeper.submitRound({ indexId: H100, timestamp, observations: twoSigners })).rejects.toBeInstanceOf(
      QuorumNotMetError,
    );

    // A fourth key that was never made a publisher.
    const withOutsider = await signRound(setup, timestamp, [2_000_000n, 2_000_000n, 2_000_000n], [0, 1, 3]);
    const outsiderError = await keeper
      .submitRound({ indexId: H100, timestamp, observations: withOutsider })
      .catch((error: unknown) => error);
    expect(outsiderError).toBeInstanceOf(NotPublisherError);
    expect((outsiderError as NotPublisherError).shortMessage).toMatch(/publisher/i);

    // Nothing was sent.
    expect(await keeper.getTransactionCount({ address: keeper.account.address })).toBe(nonceBefore);

    // A jump beyond the 15 % guard after a good round.
    const good = await signRound(setup, timestamp, [2_000_000n, 2_000_000n, 2_000_000n]);
    await keeper.waitForTransactionReceipt({
      hash: (await keeper.submitRound({ indexId: H100, timestamp, observations: good })).hash,
    });
    const next = timestamp + HOUR;
    await networkHelpers.time.setNextBlockTimestamp(next);
    await networkHelpers.mine();
    const jump = await signRound(setup, next, [3_000_000n, 3_000_000n, 3_000_000n]);
    await expect(keeper.submitRound({ indexId: H100, timestamp: next, observations: jump })).rejects.toBeInstanceOf(
      MoveTooLargeError,
    );
  });
});
