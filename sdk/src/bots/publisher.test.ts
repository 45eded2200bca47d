/**
 * The publisher bot on Hardhat's in-process chain with scripted quote sources: rounds equal the
 * median of each publisher's `computeIndex`, refused rounds are reported (and cost nothing), and
 * two coordinators on the same fixing publish it once without crashing.
 */
import { describe, expect, it } from "vitest";
import {
  FutureTimestampError,
  MoveTooLargeError,
  NotPublisherError,
  TimestampNotIncreasingError,
} from "../errors/oracle.js";
import { InsufficientQuotesError } from "../math/errors.js";
import { computeIndex, type ProviderQuote } from "../math/indexMethod.js";
import { medianDown } from "../math/median.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal, type LocalChain } from "../testing/localChain.js";
import {
  createPublisher,
  latestFixing,
  type ObservationProvider,
  type PublishRoundResult,
  publishRound,
  type QuoteSource,
  runPublisherBot,
} from "./publisher.js";

const H100 = "H100-SXM-USD-HR";
const B200 = "B200-USD-HR";
const HOUR = 3_600;
const METHOD = { maxQuoteAge: 86_400n } as const;
const BASE: Record<string, bigint> = { [H100]: 2_100_000n, [B200]: 5_400_000n };

/**
 * Publisher `p`'s quotes for an index at `now`: six providers spread around the index's base
 * price (deterministic in p, index and now), one of them a wild print the method drops.
 */
function scriptedQuotes(p: number, indexName: string, now: bigint, scale = 1n): ProviderQuote[] {
  const base = (BASE[indexName] ?? 1_000_000n) * scale;
  const hour = now / 3_600n;
  return ["lambda", "runpod", "vast", "coreweave", "nebius", "junk"].map((provider, k) => {
    const wobble = (hour * 7n + BigInt(p * 11 + k * 5)) % 21n;
    return {
      provider,
      price: provider === "junk" ? base * 10n : base + (wobble - 10n) * 1_500n,
      weight: BigInt(1_000 * (k + 1)),
      timestamp: now - BigInt(60 * k),
    };
  });
}

function source(p: number, options: { scale?: bigint; thin?: boolean } = {}): QuoteSource {
  return {
    fetchQuotes: (indexName, now) => {
      const quotes = scriptedQuotes(p, indexName, now, options.scale ?? 1n);
      return options.thin ? quotes.slice(0, 2) : quotes;
    },
  };
}

/** The round price the oracle should record: the median of each publisher's own index. */
function expectedPrice(publishers: readonly number[], indexName: string, timestamp: number, scale = 1n): bigint {
  const now = BigInt(timestamp);
  return medianDown(
    publishers.map((p) => computeIndex(scriptedQuotes(p, indexName, now, scale), { ...METHOD, now }).price),
  );
}

function publishersOf(local: LocalChain, indexes: readonly number[], options: { scale?: bigint; thin?: number } = {}) {
  const { deployment } = local;
  return indexes.map((p) =>
    createPublisher(local.publisherClients[p] as LocalChain["publisherClients"][number], {
      oracle: deployment.contracts.IndexOracle.address,
      chainId: deployment.chainId,
      source: source(p, { scale: options.scale, thin: options.thin === p }),
      method: METHOD,
    }),
  );
}

async function nextFixing(local: LocalChain): Promise<number> {
  const timestamp = (await local.networkHelpers.time.latest()) + 60;
  await local.networkHelpers.time.increaseTo(timestamp);
  return timestamp;
}

const oracleOf = (local: LocalChain) => local.deployment.contracts.IndexOracle.address;

describe("publishRound", () => {
  it("publishes the median of the publishers' indexes, then skips the same fixing without sending", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2]);
    const timestamp = await nextFixing(local);

    const result = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp,
      publishers,
    });
    expect(result.status).toBe("published");
    if (result.status !== "published") return;
    const expected = expectedPrice([0, 1, 2], H100, timestamp);
    expect(result.price).toBe(expected);
    expect(result.roundId).toBe(1);
    expect(result.failures).toEqual([]);
    const latest = await local.submitter.getLatestRound({ indexId: toIndexId(H100) });
    expect(latest).toMatchObject({ roundId: 1, timestamp, price: expected });
    expect([...result.signers].map((s) => BigInt(s))).toEqual(
      publishers.map((p) => BigInt(p.address)).sort((a, b) => (a < b ? -1 : 1)),
    );

    const nonce = await local.submitter.getTransactionCount({ address: local.submitter.account.address });
    const again = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp,
      publishers,
    });
    expect(again).toMatchObject({ status: "skipped", reason: "already-published" });
    expect(await local.submitter.getTransactionCount({ address: local.submitter.account.address })).toBe(nonce);
  });

  it("is safe to run twice at once: one coordinator publishes, the other reports the round as published", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2]);
    const timestamp = await nextFixing(local);
    const parameters = { oracle: oracleOf(local), indexName: H100, timestamp, publishers };
    const results = await Promise.all([
      publishRound(local.submitter, parameters),
      publishRound(local.admin, parameters),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["published", "skipped"]);
    expect(results.find((r) => r.status === "skipped")).toMatchObject({ reason: "already-published" });
    const latest = await local.submitter.getLatestRound({ indexId: toIndexId(H100) });
    expect(latest?.roundId).toBe(1);
    expect(latest?.price).toBe(expectedPrice([0, 1, 2], H100, timestamp));
  });

  it("reports a race lost between its check and its submission as already published (TimestampNotIncreasing)", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2]);
    const timestamp = await nextFixing(local);
    const parameters = { oracle: oracleOf(local), indexName: H100, timestamp };
    let winner: Promise<PublishRoundResult> | undefined;
    // The late coordinator's publishers answer only once the other coordinator has published.
    const late: ObservationProvider[] = publishers.map((publisher) => ({
      name: publisher.name,
      observe: async (request) => {
        winner ??= publishRound(local.admin, { ...parameters, publishers });
        await winner;
        return publisher.observe(request);
      },
    }));
    const lost = await publishRound(local.submitter, { ...parameters, publishers: late });
    expect((await winner)?.status).toBe("published");
    expect(lost).toMatchObject({ status: "skipped", reason: "already-published" });
    expect(lost.status === "skipped" && lost.error).toBeInstanceOf(TimestampNotIncreasingError);
  });

  it("skips below the quorum, naming the publisher whose quotes were too thin", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2], { thin: 1 });
    const timestamp = await nextFixing(local);
    const result = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp,
      publishers,
    });
    expect(result).toMatchObject({ status: "skipped", reason: "insufficient-observations" });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.publisher).toBe(publishers[1]?.address);
    expect(result.failures[0]?.error).toBeInstanceOf(InsufficientQuotesError);
    expect(await local.submitter.getLatestRound({ indexId: toIndexId(H100) })).toBeNull();
  });

  it("reports rounds the oracle would refuse (an outsider's signature, a move beyond the guard) and sends nothing", async () => {
    const local = await deployLocal();
    const nonce = async () => local.submitter.getTransactionCount({ address: local.submitter.account.address });
    const t1 = await nextFixing(local);
    const before = await nonce();
    const withOutsider = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp: t1,
      publishers: publishersOf(local, [0, 1, 3]), // 3 was never made a publisher
    });
    expect(withOutsider).toMatchObject({ status: "skipped", reason: "refused" });
    expect(withOutsider.status === "skipped" && withOutsider.error).toBeInstanceOf(NotPublisherError);
    expect(await nonce()).toBe(before);

    const first = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp: t1,
      publishers: publishersOf(local, [0, 1, 2]),
    });
    expect(first.status).toBe("published");
    await local.networkHelpers.time.increaseTo(t1 + HOUR);
    const afterFirst = await nonce();
    const jump = await publishRound(local.submitter, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp: t1 + HOUR,
      publishers: publishersOf(local, [0, 1, 2], { scale: 2n }), // the index doubles: beyond 15 %
    });
    expect(jump).toMatchObject({ status: "skipped", reason: "refused" });
    expect(jump.status === "skipped" && jump.error).toBeInstanceOf(MoveTooLargeError);
    expect(await nonce()).toBe(afterFirst);

    // The guardian (admin) may confirm it.
    const confirmed = await publishRound(local.admin, {
      oracle: oracleOf(local),
      indexName: H100,
      timestamp: t1 + HOUR,
      publishers: publishersOf(local, [0, 1, 2], { scale: 2n }),
      confirmed: true,
    });
    expect(confirmed).toMatchObject({ status: "published", price: expectedPrice([0, 1, 2], H100, t1 + HOUR, 2n) });
  });
});

describe("publishRound on an idle chain", () => {
  it("publishes a fixing newer than the latest block: simulated against the pending block", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2]);
    // No block is mined between now and the round's own: the fixing is after the latest block.
    const timestamp = (await local.networkHelpers.time.latest()) + 1;
    const parameters = { oracle: oracleOf(local), indexName: H100, timestamp, publishers };
    const atLatest = await publishRound(local.submitter, { ...parameters, simulateAt: "latest" });
    expect(atLatest).toMatchObject({ status: "skipped", reason: "refused" });
    expect(atLatest.status === "skipped" && atLatest.error).toBeInstanceOf(FutureTimestampError);
    const atPending = await publishRound(local.submitter, parameters);
    expect(atPending).toMatchObject({ status: "published", price: expectedPrice([0, 1, 2], H100, timestamp) });
  });
});

describe("runPublisherBot", () => {
  it("publishes every index at each hourly fixing until stopped", async () => {
    const local = await deployLocal();
    const publishers = publishersOf(local, [0, 1, 2]);
    // Start just after a whole hour, so the first fixing is fresh.
    const start = latestFixing(await local.networkHelpers.time.latest(), HOUR) + HOUR + 30;
    await local.networkHelpers.time.increaseTo(start);
    const results: PublishRoundResult[] = [];
    const controller = new AbortController();
    await runPublisherBot(local.submitter, {
      oracle: oracleOf(local),
      publishers,
      indexNames: [H100, B200],
      interval: HOUR,
      delay: 10,
      signal: controller.signal,
      onResult: (result) => {
        results.push(result);
        if (results.length === 6) controller.abort();
      },
      // Sleeping moves the chain's clock instead of waiting.
      sleep: async (seconds) => {
        await local.networkHelpers.time.increase(seconds);
      },
    });
    const fixings = [0, 1, 2].map((k) => start - 30 + k * HOUR);
    expect(results.map((r) => [r.indexName, r.timestamp, r.status])).toEqual(
      fixings.flatMap((t) => [
        [H100, t, "published"],
        [B200, t, "published"],
      ]),
    );
    for (const result of results) {
      expect(result.status === "published" && result.price).toBe(
        expectedPrice([0, 1, 2], result.indexName, result.timestamp),
      );
    }
  });
});
