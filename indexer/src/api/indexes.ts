/**
 * REST routes over the index oracle's tables, for auditors:
 *   GET /indexes                              every index with its newest round
 *   GET /indexes/:index                       one index (name or bytes32 id) with its publishers
 *   GET /indexes/:index/rounds?limit=&before= rounds, newest first, paginated by round id
 *   GET /indexes/:index/rounds/:roundId       one round
 *   GET /indexes/:index/changes?limit=&before= administrative events, newest first
 *   GET /indexes/:index/average?from=&to=     time-weighted average over [from, to]
 */
import { db } from "ponder:api";
import { indexChanges, indexes, indexRounds, publishers } from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gt, lt, lte } from "ponder";
import type { Hex } from "viem";
import { averagePriceDown } from "../../../sdk/src/math/twap.js";
import { indexedHead } from "./head.js";
import {
  ApiError,
  badRequest,
  notFound,
  parseIndexKey,
  parseLimit,
  parseOptionalEventId,
  parseOptionalRoundId,
  parseRoundId,
  parseTimestamp,
  toJson,
} from "./validate.js";

/** Most rounds one average may read (a year of hourly fixings is 8,760). */
const MAX_AVERAGE_ROUNDS = 100_000;

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
    const rounds = await averagingRounds(row.id, from, to);
    const first = rounds[0];
    if (first === undefined || first.timestamp > BigInt(from)) {
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
    const average = averagePriceDown(
      rounds.map((round) => ({ timestamp: round.timestamp, price: round.price })),
      BigInt(from),
      BigInt(to),
    );
    return c.json({
      index: row.name,
      indexId: row.id,
      from,
      to,
      average: average.toString(),
      decimals: row.decimals,
      roundsUsed: rounds.length,
      asOf: { blockNumber: head.number.toString(), blockTimestamp: head.timestamp.toString() },
    });
  });

/**
 * The rounds that make the average over [from, to]: the last round at or before `from` (whose
 * price is in force at `from`) and every round after it up to `to`, in time order.
 */
async function averagingRounds(indexId: Hex, from: number, to: number): Promise<RoundRow[]> {
  const [anchor] = await db
    .select()
    .from(indexRounds)
    .where(and(eq(indexRounds.indexId, indexId), lte(indexRounds.timestamp, BigInt(from))))
    .orderBy(desc(indexRounds.timestamp))
    .limit(1);
  const later = await db
    .select()
    .from(indexRounds)
    .where(
      and(
        eq(indexRounds.indexId, indexId),
        gt(indexRounds.timestamp, BigInt(from)),
        lte(indexRounds.timestamp, BigInt(to)),
      ),
    )
    .orderBy(asc(indexRounds.timestamp))
    .limit(MAX_AVERAGE_ROUNDS + 1);
  if (later.length > MAX_AVERAGE_ROUNDS) {
    throw badRequest(`the window holds more than ${MAX_AVERAGE_ROUNDS} rounds: ask for a shorter one`);
  }
  return anchor === undefined ? later : [anchor, ...later];
}
