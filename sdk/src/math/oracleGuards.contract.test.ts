/**
 * Differential tests: the SDK's `isStale` and `exceedsMoveGuard` against the deployed IndexOracle
 * on Hardhat's in-process chain, on fast-check inputs (each run from the same chain snapshot).
 */
import type { SnapshotRestorer } from "@nomicfoundation/hardhat-network-helpers/types";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeContractError } from "../errors/decodeContractError.js";
import { MoveTooLargeError, StaleIndexError } from "../errors/oracle.js";
import { indexOracleAbi } from "../generated/abis.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal, type LocalChain, testIndex } from "../testing/localChain.js";
import { DAY, indexAge } from "./calendar.js";
import { exceedsMoveGuard, isStale } from "./oracleGuards.js";

const NAME = "GUARD-TEST";
const INDEX = toIndexId(NAME);
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = (1n << 64n) - 1n;
const RUNS = 60;

let chain: LocalChain;
let snapshot: SnapshotRestorer;

beforeAll(async () => {
  chain = await deployLocal({ indexes: [testIndex(NAME, { quorum: 1 })], publishers: 1 });
  snapshot = await chain.networkHelpers.takeSnapshot();
}, 60_000);

/** Sets the test index's guards; returns the chain's time after (a restored snapshot's clock is not the snapshot's). */
async function setParams(params: { maxMoveBps: number; maxAge: number; businessDaysOnly: boolean }) {
  await chain.oracle.write.setIndexParams([INDEX, { quorum: 1, maxSubmissionDelay: UINT32_MAX, ...params }]);
  return chain.networkHelpers.time.latest();
}

/** Publishes one round at `timestamp`, in a block one second later. */
async function publish(timestamp: number, price: bigint) {
  await chain.networkHelpers.time.increaseTo(timestamp);
  await chain.networkHelpers.time.setNextBlockTimestamp(timestamp + 1);
  const observation = await chain.publisherClients[0]?.signObservation({ indexId: INDEX, timestamp, price });
  if (!observation) throw new Error("no publisher");
  const { hash } = await chain.submitter.submitRound({ indexId: INDEX, timestamp, observations: [observation] });
  expect((await chain.submitter.waitForTransactionReceipt({ hash })).status).toBe("success");
}

describe("isStale against IndexOracle.isStale and latestPrice", () => {
  it("agrees on fuzzed round times, ages and maxAge, business-day indexes included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 28 * 86_400 }),
        fc.integer({ min: 2, max: 21 * 86_400 }),
        fc.boolean(),
        fc.oneof(
          fc.integer({ min: -2, max: 2 }).map((nudge) => ({ nudge })),
          fc.integer({ min: 1, max: 14 * 86_400 }).map((maxAge) => ({ maxAge })),
        ),
        async (offset, delta, businessDaysOnly, ageChoice) => {
          await snapshot.restore();
          // A restored snapshot's clock runs on from the last run: the round's time comes after
          // the next block's, known once one is mined.
          const t0 = (await setParams({ maxMoveBps: 0, maxAge: 1, businessDaysOnly })) + 60 + offset;
          const t1 = t0 + delta;
          const age = indexAge(BigInt(t0), BigInt(t1), businessDaysOnly);
          // Half the runs sit on the boundary: maxAge within two seconds of the age.
          const maxAge = "maxAge" in ageChoice ? ageChoice.maxAge : Math.max(1, Number(age) + ageChoice.nudge);
          await setParams({ maxMoveBps: 0, maxAge, businessDaysOnly });
          await publish(t0, 1_000_000n);
          await chain.networkHelpers.time.increaseTo(t1);
          const block = await chain.publicClient.getBlock();
          expect(block.timestamp).toBe(BigInt(t1));
          const onChain = await chain.oracle.read.isStale([INDEX], { blockNumber: block.number });
          const sdk = isStale({
            lastTimestamp: BigInt(t0),
            now: block.timestamp,
            maxAge: BigInt(maxAge),
            businessDaysOnly,
          });
          expect(sdk).toBe(onChain);
          // latestPrice agrees too, and its StaleIndex error carries the age the SDK computes.
          const latest = await chain.publicClient
            .readContract({
              address: chain.deployment.contracts.IndexOracle.address,
              abi: indexOracleAbi,
              functionName: "latestPrice",
              args: [INDEX],
              blockNumber: block.number,
            })
            .then(
              ([price, timestamp]) => ({ price, timestamp }),
              (error: unknown) => decodeContractError(error),
            );
          if (sdk) {
            expect(latest).toBeInstanceOf(StaleIndexError);
            expect((latest as StaleIndexError).age).toBe(indexAge(BigInt(t0), block.timestamp, businessDaysOnly));
          } else {
            expect(latest).toEqual({ price: 1_000_000n, timestamp: t0 });
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("says stale before the first round, as the oracle does", async () => {
    await snapshot.restore();
    expect(await chain.oracle.read.isStale([INDEX])).toBe(true);
    const now = BigInt(await chain.networkHelpers.time.latest());
    expect(isStale({ lastTimestamp: null, now, maxAge: DAY, businessDaysOnly: false })).toBe(true);
  });
});

describe("exceedsMoveGuard against IndexOracle's MoveTooLarge", () => {
  it("rejects exactly the rounds the oracle rejects, on fuzzed prices and guards", async () => {
    const price = fc.bigInt({ min: 1n, max: UINT64_MAX });
    // Multiples of 10 000 make |move| × 10 000 = lastPrice × maxMoveBps reachable: the exact boundary.
    const lastPrices = fc.oneof(
      price,
      fc.bigInt({ min: 1n, max: UINT64_MAX / 10_000n }).map((k) => k * 10_000n),
      fc.bigInt({ min: 1n, max: 10_000_000n }),
    );
    const bps = fc.integer({ min: 0, max: 65_535 });
    const nearBoundary = fc
      .tuple(lastPrices, bps, fc.boolean(), fc.integer({ min: -2, max: 2 }))
      .map(([lastPrice, maxMoveBps, up, nudge]) => {
        const band = (lastPrice * BigInt(maxMoveBps)) / 10_000n;
        const raw = (up ? lastPrice + band : lastPrice - band) + BigInt(nudge);
        return { lastPrice, maxMoveBps, price: raw < 1n ? 1n : raw > UINT64_MAX ? UINT64_MAX : raw };
      });
    const anywhere = fc.record({ lastPrice: price, maxMoveBps: bps, price });
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearBoundary, anywhere), async ({ lastPrice, maxMoveBps, price: next }) => {
        await snapshot.restore();
        const t0 = (await setParams({ maxMoveBps, maxAge: 86_400, businessDaysOnly: false })) + 100;
        await publish(t0, lastPrice);
        await chain.networkHelpers.time.increaseTo(t0 + 10);
        const observation = await chain.publisherClients[0]?.signObservation({
          indexId: INDEX,
          timestamp: t0 + 5,
          price: next,
        });
        if (!observation) throw new Error("no publisher");
        const refused = await chain.submitter
          .submitRound({ indexId: INDEX, timestamp: t0 + 5, observations: [observation] })
          .then(
            () => false,
            (error: unknown) => {
              if (error instanceof MoveTooLargeError) return true;
              throw error;
            },
          );
        expect(refused).toBe(exceedsMoveGuard({ lastPrice, price: next, maxMoveBps: BigInt(maxMoveBps) }));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
