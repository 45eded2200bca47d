/**
 * Reconciles what the indexer serves about the index oracle with the chain's own views at the
 * block the indexer has reached: every index's metadata, guards, ring, feed, pause flag,
 * publishers and latest round, and every round the ring still holds (`getRound`).
 */

import { artifacts } from "hardhat";
import { type Address, type Hex, zeroAddress } from "viem";
import type { LocalChain } from "./localChain.js";
import type { PonderProcess } from "./ponderProcess.js";
import { waitFor } from "./ponderProcess.js";

/** An index as `GET /api/indexes` serves it (bigints as decimal strings). */
export type IndexView = {
  id: Hex;
  name: string;
  description: string;
  methodologyUri: string;
  methodologyHash: Hex;
  decimals: number;
  quorum: number;
  maxMoveBps: number;
  maxAge: string;
  maxSubmissionDelay: string;
  businessDaysOnly: boolean;
  ringCardinality: number;
  ringCardinalityNext: number;
  latestRingIndex: number | null;
  paused: boolean;
  externalFeed: Address | null;
  publisherCount: number;
  roundCount: number;
  latestRoundId: number | null;
  latestTimestamp: string | null;
  latestPrice: string | null;
  latestCumulative: string | null;
};

/** A round as `GET /api/indexes/:index/rounds` serves it. */
export type RoundView = {
  indexId: Hex;
  roundId: number;
  timestamp: string;
  price: string;
  cumulative: string;
  signers: Address[];
  prices: string[];
  guardianConfirmed: boolean;
  eventId: string;
  blockNumber: string;
  blockTimestamp: string;
  transactionHash: Hex;
  logIndex: number;
};

export type RoundsPage = { index: string; rounds: RoundView[]; nextBefore: number | null };

/** The newest block the indexer has processed, from Ponder's `/status`. */
export async function indexedBlock(ponder: PonderProcess): Promise<bigint | undefined> {
  const { status, body } = await ponder.get<Record<string, { block: { number: number } }>>("/status");
  if (status !== 200) return undefined;
  const chain = Object.values(body)[0];
  return chain === undefined ? undefined : BigInt(chain.block.number);
}

/** Waits until the indexer has processed the chain's current head; returns that block and the wait. */
export async function waitForHead(
  ponder: PonderProcess,
  chain: LocalChain,
  timeoutMs = 30_000,
): Promise<{ block: bigint; ms: number }> {
  const head = (await chain.head()).number;
  const { ms } = await waitFor(async () => ((await indexedBlock(ponder)) ?? -1n) >= head || undefined, {
    timeoutMs,
    describe: () => `the indexer did not reach block ${head}`,
  });
  return { block: head, ms };
}

/** Every round of `index` the indexer holds, oldest first (follows the pagination). */
export async function allRounds(ponder: PonderProcess, index: string, pageSize = 1_000): Promise<RoundView[]> {
  const rounds: RoundView[] = [];
  let before: number | null = null;
  for (;;) {
    const query: string = `limit=${pageSize}${before === null ? "" : `&before=${before}`}`;
    const { status, body } = await ponder.get<RoundsPage>(`/api/indexes/${index}/rounds?${query}`);
    if (status !== 200) throw new Error(`rounds of ${index}: HTTP ${status} ${JSON.stringify(body)}`);
    rounds.push(...body.rounds);
    if (body.nextBefore === null) return rounds.reverse();
    before = body.nextBefore;
  }
}

export type OracleMismatch = { readonly what: string; readonly indexer: unknown; readonly chain: unknown };

/**
 * Compares the indexer with the chain at `blockNumber` and returns every difference (none when
 * they agree). `accounts` are the addresses whose publisher status is checked.
 */
export async function compareOracle(
  ponder: PonderProcess,
  chain: LocalChain,
  oracle: Address,
  accounts: readonly Address[],
  blockNumber: bigint,
): Promise<OracleMismatch[]> {
  const client = await chain.viem.getPublicClient();
  // The implementation's ABI from the build: every view, whatever the SDK's generated ABI holds.
  const { abi } = await artifacts.readArtifact("IndexOracle");
  const read = <const name extends string>(functionName: name, args: readonly unknown[]) =>
    client.readContract({
      address: oracle,
      abi,
      // biome-ignore lint/suspicious/noExplicitAny: one reader for every view of the oracle
      functionName: functionName as any,
      // biome-ignore lint/suspicious/noExplicitAny: as above
      args: args as any,
      blockNumber,
    }) as Promise<unknown>;
  const mismatches: OracleMismatch[] = [];
  const check = (what: string, indexer: unknown, onChain: unknown) => {
    // Numbers and bigints compare as decimal text, hex case-insensitively.
    const norm = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(norm)
        : typeof v === "bigint" || typeof v === "number"
          ? v.toString()
          : typeof v === "string" && v.startsWith("0x")
            ? v.toLowerCase()
            : v;
    if (JSON.stringify(norm(indexer)) !== JSON.stringify(norm(onChain))) {
      mismatches.push({ what, indexer, chain: onChain });
    }
  };

  const { body } = await ponder.get<{ indexes: IndexView[] }>("/api/indexes");
  for (const index of body.indexes) {
    const id = index.id;
    const params = (await read("indexParams", [id])) as {
      quorum: number;
      maxMoveBps: number;
      maxAge: number;
      maxSubmissionDelay: number;
      businessDaysOnly: boolean;
    };
    const metadata = (await read("indexMetadata", [id])) as {
      description: string;
      methodologyURI: string;
      methodologyHash: Hex;
      decimals: number;
    };
    const [cardinality, cardinalityNext] = (await read("ringSizes", [id])) as [number, number];
    const feed = (await read("externalFeed", [id])) as Address;
    const latest = (await read("latestRound", [id])) as {
      roundId: number;
      timestamp: number;
      price: bigint;
      cumulative: bigint;
    };
    const n = index.name;
    check(
      `${n}.params`,
      [index.quorum, index.maxMoveBps, index.maxAge, index.maxSubmissionDelay, index.businessDaysOnly],
      [params.quorum, params.maxMoveBps, params.maxAge, params.maxSubmissionDelay, params.businessDaysOnly],
    );
    check(
      `${n}.metadata`,
      [index.description, index.methodologyUri, index.methodologyHash, index.decimals],
      [metadata.description, metadata.methodologyURI, metadata.methodologyHash, metadata.decimals],
    );
    check(`${n}.ring`, [index.ringCardinality, index.ringCardinalityNext], [cardinality, cardinalityNext]);
    check(`${n}.externalFeed`, index.externalFeed ?? zeroAddress, feed);
    check(
      `${n}.latestRound`,
      [index.latestRoundId ?? 0, index.latestTimestamp ?? 0, index.latestPrice ?? "0"],
      [latest.roundId, latest.timestamp, latest.price.toString()],
    );
    check(`${n}.latestCumulative`, index.latestCumulative ?? "0", latest.cumulative.toString());

    const detail = await ponder.get<{ publishers: { address: Address }[] }>(`/api/indexes/${id}`);
    const indexed = new Set(detail.body.publishers.map((p) => p.address.toLowerCase()));
    for (const account of accounts) {
      check(
        `${n}.isPublisher(${account})`,
        indexed.has(account.toLowerCase()),
        await read("isPublisher", [id, account]),
      );
    }
    check(`${n}.publisherCount`, index.publisherCount, indexed.size);

    const rounds = await allRounds(ponder, id);
    check(`${n}.roundCount`, [index.roundCount, rounds.length], [latest.roundId, latest.roundId]);
    check(
      `${n}.roundIds`,
      rounds.map((r) => r.roundId),
      Array.from({ length: latest.roundId }, (_, i) => i + 1),
    );
    // Rounds the ring still holds answer getRound; older ones are only in the indexer.
    const held = Math.min(latest.roundId, cardinality);
    for (const round of rounds.slice(rounds.length - held)) {
      const onChain = (await read("getRound", [id, round.roundId])) as {
        roundId: number;
        timestamp: number;
        price: bigint;
        cumulative: bigint;
      };
      check(
        `${n}.round ${round.roundId}`,
        [round.roundId, round.timestamp, round.price, round.cumulative],
        [onChain.roundId, onChain.timestamp, onChain.price.toString(), onChain.cumulative.toString()],
      );
    }
  }
  return mismatches;
}
