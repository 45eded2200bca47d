/**
 * REST routes over the index oracle's tables, for auditors:
 *   GET /indexes                              every index with its newest round
 *   GET /indexes/:index                       one index (name or bytes32 id) with its publishers
 *   GET /indexes/:index/rounds?limit=&before= rounds, newest first, paginated by round id
 *   GET /indexes/:index/rounds.csv?from=&to=&block=  rounds in a time window as CSV, as of a block
 *   GET /indexes/:index/rounds/:roundId       one round
 *   GET /indexes/:index/changes?limit=&before= administrative events, newest first
 *   GET /indexes/:index/average?from=&to=     time-weighted average over [from, to], in O(1)
 *   GET /indexes/:index/verify?rounds=        the indexer reconciled with the chain's views (./verify.ts)
 */
import { db } from "ponder:api";
import { indexChanges, indexes, indexRounds, publishers } from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gte, lt, lte } from "ponder";
import type { Hex } from "viem";
import { CUMULATIVE_MODULUS, cumulativeAt } from "../../../sdk/src/math/twap.js";
import { toCsv } from "./csv.js";
import { indexedHead } from "./head.js";
import {
  ApiError,
  badRequest,
  MAX_UINT32,
  notFound,
  parseIndexKey,
  parseLimit,
  parseOptionalBlockNumber,
  parseOptionalEventId,
  parseOptionalRoundId,
  parseOptionalTimestamp,
  parseRoundId,
  parseTimestamp,
  toJson,
} from "./validate.js";
import { verifyIndex } from "./verify.js";

/** Most rows one CSV answer may hold. */
const MAX_CSV_ROWS = 100_000;

type IndexRow = typeof indexes.$inferSelect;
type RoundRow = typeof indexRounds.$inferSelect;

async function findIndex(key: string | undefined): Promise<IndexRow> {
  const id = parseIndexKey(key);
  const [row] = await db.select().from(indexes).where(eq(indexes.id, id)).limit(1);
  if (row === undefined) throw notFound(`index ${JSON.stringify(key)} is not registered`);
  return row;
}

function roundView(row: RoundRow) {
  return toJson(row);
}

export const indexRoutes = new Hono()
  .get("/", async (c) => {
    const rows = await db.select().from(indexes).orderBy(asc(indexes.name));
    return c.json({ indexes: toJson(rows) });
  })
  .get("/:index", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const current = await db
      .select()
      .from(publishers)
      .where(eq(publishers.indexId, row.id))
      .orderBy(asc(publishers.address));
    return c.json({ index: toJson(row), publishers: toJson(current) });
  })
  .get("/:index/rounds", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const limit = parseLimit(c.req.query("limit"));
    const before = parseOptionalRoundId(c.req.query("before"), "before");
    const condition =
      before === undefined
        ? eq(indexRounds.indexId, row.id)
        : and(eq(indexRounds.indexId, row.id), lt(indexRounds.roundId, before));
    const rows = await db
      .select()
      .from(indexRounds)
      .where(condition)
      .orderBy(desc(indexRounds.roundId))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json({
      index: row.name,
      rounds: page.map(roundView),
      nextBefore: rows.length > limit && last !== undefined ? last.roundId : null,
    });
  })
  .get("/:index/rounds.csv", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const from = parseOptionalTimestamp(c.req.query("from"), "from") ?? 0;
    const to = parseOptionalTimestamp(c.req.query("to"), "to") ?? MAX_UINT32;
    if (from > to) throw badRequest(`the window needs from ≤ to (from ${from}, to ${to})`);
    const head = await indexedHead();
    if (head === undefined) throw new ApiError(409, "the indexer has not indexed any block yet");
    const block = parseOptionalBlockNumber(c.req.query("block"), "block", head.number) ?? head.number;
    const rows = await db
      .select()
      .from(indexRounds)
      .where(
        and(
          eq(indexRounds.indexId, row.id),
          gte(indexRounds.timestamp, BigInt(from)),
          lte(indexRounds.timestamp, BigInt(to)),
          lte(indexRounds.blockNumber, block),
        ),
      )
      .orderBy(asc(indexRounds.roundId))
      .limit(MAX_CSV_ROWS + 1);
    if (rows.length > MAX_CSV_ROWS) throw badRequest(`more than ${MAX_CSV_ROWS} rounds: narrow the window`);
    const csv = toCsv(
      [
        "index",
        "round_id",
        "timestamp",
        "price",
        "cumulative",
        "signers",
        "prices",
        "guardian_confirmed",
        "block_number",
        "transaction_hash",
      ],
      rows.map((r) => [
        row.name,
        r.roundId,
        r.timestamp,
        r.price,
        r.cumulative,
        r.signers,
        r.prices.map(String),
        r.guardianConfirmed,
        r.blockNumber,
        r.transactionHash,
      ]),
    );
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${row.name}-rounds-block-${block}.csv"`,
    });
  })
  .get("/:index/rounds/:roundId", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const roundId = parseRoundId(c.req.param("roundId"));
    const [round] = await db
      .select()
      .from(indexRounds)
      .where(and(eq(indexRounds.indexId, row.id), eq(indexRounds.roundId, roundId)))
      .limit(1);
    if (round === undefined) throw notFound(`index ${row.name} has no round ${roundId}`);
    return c.json({ index: row.name, round: roundView(round) });
  })
  .get("/:index/changes", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const limit = parseLimit(c.req.query("limit"));
    const before = parseOptionalEventId(c.req.query("before"), "before");
    const condition =
      before === undefined
        ? eq(indexChanges.indexId, row.id)
        : and(eq(indexChanges.indexId, row.id), lt(indexChanges.id, before));
    const rows = await db
      .select()
      .from(indexChanges)
      .where(condition)
      .orderBy(desc(indexChanges.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json({
      index: row.name,
      changes: toJson(page),
      nextBefore: rows.length > limit && last !== undefined ? last.id : null,
    });
  })
  .get("/:index/verify", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const head = await indexedHead();
    if (head === undefined) throw new ApiError(409, "the indexer has not indexed any block yet");
    return c.json(await verifyIndex(row, head, c.req.query("rounds")));
  })
  .get("/:index/average", async (c) => {
    const row = await findIndex(c.req.param("index"));
    const from = parseTimestamp(c.req.query("from"), "from");
    const to = parseTimestamp(c.req.query("to"), "to");
    if (from >= to) throw badRequest(`the window needs from < to (from ${from}, to ${to})`);
    const head = await indexedHead();
    if (head === undefined) throw new ApiError(409, "the indexer has not indexed any block yet");
    if (BigInt(to) > head.timestamp) {
      throw new ApiError(
        422,
        `to (${to}) is after the newest indexed block (${head.number}, timestamp ${head.timestamp}): its average is not known yet`,
      );
    }
    const atFrom = await roundAtOrBefore(row.id, from);
    if (atFrom === undefined) {
      const [oldest] = await db
        .select({ timestamp: indexRounds.timestamp })
        .from(indexRounds)
        .where(eq(indexRounds.indexId, row.id))
        .orderBy(asc(indexRounds.roundId))
        .limit(1);
      throw new ApiError(
        422,
        oldest === undefined
          ? `index ${row.name} has no round yet`
          : `from (${from}) is before the first round of ${row.name} (timestamp ${oldest.timestamp})`,
      );
    }
    const atTo = (await roundAtOrBefore(row.id, to)) ?? atFrom;
    // As IndexOracle.averagePrice: (cum(to) − cum(from)) / (to − from), wrapping at 2^112.
    const cumulativeFrom = accumulatorAt(atFrom, from);
    const cumulativeTo = accumulatorAt(atTo, to);
    const sum = (cumulativeTo - cumulativeFrom + CUMULATIVE_MODULUS) % CUMULATIVE_MODULUS;
    return c.json({
      index: row.name,
      indexId: row.id,
      from,
      to,
      average: (sum / BigInt(to - from)).toString(),
      decimals: row.decimals,
      cumulativeFrom: cumulativeFrom.toString(),
      cumulativeTo: cumulativeTo.toString(),
      roundsUsed: { from: atFrom.roundId, to: atTo.roundId },
      asOf: { blockNumber: head.number.toString(), blockTimestamp: head.timestamp.toString() },
    });
  });

/** The newest round of `indexId` at or before `time`: its price is the one in force at `time`. */
async function roundAtOrBefore(indexId: Hex, time: number): Promise<RoundRow | undefined> {
  const [round] = await db
    .select()
    .from(indexRounds)
    .where(and(eq(indexRounds.indexId, indexId), lte(indexRounds.timestamp, BigInt(time))))
    .orderBy(desc(indexRounds.timestamp))
    .limit(1);
  return round;
}

/**
 * The oracle's accumulator at `time` from the round in force then, as the contract carries it
 * forward: the round's cumulative plus its price × the seconds since (SDK `cumulativeAt`), mod 2^112.
 */
function accumulatorAt(round: RoundRow, time: number): bigint {
  const since = cumulativeAt([{ timestamp: round.timestamp, price: round.price }], BigInt(time));
  return (round.cumulative + since) % CUMULATIVE_MODULUS;
}
