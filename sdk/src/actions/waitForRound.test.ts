/** `waitForRound` on the in-process chain: the recorded round from the receipt's event. */
import { describe, expect, it } from "vitest";
import { MissingEventError } from "../errors/transaction.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal } from "../testing/localChain.js";

const H100 = toIndexId("H100-SXM-USD-HR");

describe("waitForRound", () => {
  it("returns the round the oracle recorded, signers ascending with their prices", async () => {
    const local = await deployLocal();
    const timestamp = (await local.networkHelpers.time.latest()) + 60;
    await local.networkHelpers.time.increaseTo(timestamp);
    const prices = [2_300_000n, 2_100_000n, 2_200_000n];
    const observations = await Promise.all(
      prices.map((price, i) => local.publisherClients[i]?.signObservation({ indexId: H100, timestamp, price })),
    );
    const submitted = await local.submitter.submitRound({
      indexId: H100,
      timestamp,
      observations: observations.filter((o) => o !== undefined),
    });
    const { receipt, round } = await local.submitter.waitForRound({ hash: submitted.hash });
    expect(receipt.status).toBe("success");
    const bySigner = observations
      .filter((o) => o !== undefined)
      .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    expect(round).toEqual({
      indexId: H100,
      roundId: submitted.roundId,
      timestamp,
      price: submitted.round.price,
      cumulative: 0n,
      signers: bySigner.map((o) => o.signer),
      prices: bySigner.map((o) => o.price),
      guardianConfirmed: false,
    });
    expect(await local.submitter.getLatestRound({ indexId: H100 })).toMatchObject({
      roundId: round.roundId,
      price: round.price,
    });
  });

  it("says so when the transaction recorded no round", async () => {
    const local = await deployLocal();
    const hash = await local.oracle.write.growRing([H100, 900]);
    await expect(local.submitter.waitForRound({ hash })).rejects.toBeInstanceOf(MissingEventError);
  });
});
