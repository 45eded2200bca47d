/**
 * `GET /indexes/:index/verify?rounds=`: reconciles the indexer with the chain at the newest
 * indexed block, reading the oracle's own views at that block through Ponder's RPC client, and
 * says plainly whether they match. Checked: the newest round (`latestRound`), guards
 * (`indexParams`), metadata (`indexMetadata`), every current publisher (`isPublisher`), and the
 * newest `rounds` rounds (default 10, at most 100) still in the ring (`getRound`).
 */
import { db, publicClients } from "ponder:api";
import type { indexes } from "ponder:schema";
import { indexRounds, publishers } from "ponder:schema";
import { and, desc, eq, lte } from "ponder";
import type { Address, Hex } from "viem";
import { indexOracleAbi } from "../../../sdk/src/generated/abis.js";
import type { IndexedHead } from "./head.js";
import { badRequest, parseOptionalInteger } from "./validate.js";

type IndexRow = typeof indexes.$inferSelect;

export type Check = { readonly what: string; readonly indexer: unknown; readonly chain: unknown; readonly ok: boolean };

const text = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" || typeof v === "number" ? String(v) : v));

export async function verifyIndex(row: IndexRow, head: IndexedHead, roundsParam: string | undefined) {
  const roundCount = Number(parseOptionalInteger(roundsParam, "rounds", { min: 0n, max: 100n }) ?? 10n);
  const client = publicClients.computus;
  const blockNumber = head.number;
  const oracle = row.oracle as Address;
  const id = row.id as Hex;
  const checks: Check[] = [];
  const check = (what: string, indexer: unknown, chain: unknown) =>
    checks.push({ what, indexer, chain, ok: text(indexer) === text(chain) });

  const read = { address: oracle, abi: indexOracleAbi, blockNumber } as const;
  const [latest, params, metadata] = await Promise.all([
    client.readContract({ ...read, functionName: "latestRound", args: [id] }),
    client.readContract({ ...read, functionName: "indexParams", args: [id] }),
    client.readContract({ ...read, functionName: "indexMetadata", args: [id] }),
  ]);
  check(
    "latestRound",
    [row.latestRoundId ?? 0, row.latestTimestamp ?? 0n, row.latestPrice ?? 0n, row.latestCumulative ?? 0n],
    [latest.roundId, latest.timestamp, latest.price, latest.cumulative],
  );
  check(
    "indexParams",
    [row.quorum, row.maxMoveBps, row.maxAge, row.maxSubmissionDelay, row.businessDaysOnly],
    [params.quorum, params.maxMoveBps, params.maxAge, params.maxSubmissionDelay, params.businessDaysOnly],
  );
  check(
    "indexMetadata",
    [row.description, row.methodologyUri, row.methodologyHash.toLowerCase(), row.decimals],
    [metadata.description, metadata.methodologyURI, metadata.methodologyHash.toLowerCase(), metadata.decimals],
  );

  const current = await db.select().from(publishers).where(eq(publishers.indexId, row.id));
  check("publisherCount", row.publisherCount, current.length);
  for (const publisher of current) {
    const onChain = await client.readContract({
      ...read,
      functionName: "isPublisher",
      args: [id, publisher.address as Address],
    });
    check(`isPublisher(${publisher.address})`, true, onChain);
  }

  if (roundCount > 0) {
    const recent = await db
      .select()
      .from(indexRounds)
      .where(and(eq(indexRounds.indexId, row.id), lte(indexRounds.blockNumber, blockNumber)))
      .orderBy(desc(indexRounds.roundId))
      .limit(Math.min(roundCount, row.ringCardinality));
    for (const round of recent) {
      const onChain = await client.readContract({ ...read, functionName: "getRound", args: [id, round.roundId] });
      check(
        `getRound(${round.roundId})`,
        [round.roundId, round.timestamp, round.price, round.cumulative],
        [onChain.roundId, onChain.timestamp, onChain.price, onChain.cumulative],
      );
    }
  }

  if (checks.length === 0) throw badRequest("nothing to check");
  const mismatches = checks.filter((c) => !c.ok);
  return {
    index: row.name,
    indexId: row.id,
    block: { number: blockNumber.toString(), timestamp: head.timestamp.toString() },
    matches: mismatches.length === 0,
    summary:
      mismatches.length === 0
        ? `The indexer matches the chain at block ${blockNumber} (${checks.length} checks).`
        : `The indexer does NOT match the chain at block ${blockNumber}: ${mismatches.length} of ${checks.length} checks differ.`,
    checks: JSON.parse(text(checks)) as unknown,
  };
}
