/**
 * REST routes over the clearing house's and order book's tables:
 *   GET /markets                                   every market with its state, mark and open interest
 *   GET /markets/:id                               one market
 *   GET /markets/:id/book?depth=                   price levels (open orders aggregated), best first
 *   GET /markets/:id/orders?status=&owner=&limit=  orders (default the open ones), oldest first
 *   GET /markets/:id/trades?limit=&before=         fills, newest first (`before`: an event id)
 *   GET /markets/:id/candles?interval=&from=&to=&limit=  OHLCV, oldest first
 *   GET /markets/:id/open-interest                 Σ long sizes, each side's open notional, holders
 *   GET /markets/:id/positions.csv?block=          positions at a block (default: the newest indexed)
 *   GET /trades?limit=&before=                     fills of every market, newest first
 */
import { db } from "ponder:api";
import { candles, indexes, markets, orders, positionChanges, positions, trades } from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, gte, lt, lte, ne, sql } from "ponder";
import { formatIndexId } from "../../../sdk/src/utils/format.js";
import { type MarketRow, marketState, markPriceAt } from "./chMath.js";
import { toCsv } from "./csv.js";
import { type IndexedHead, indexedHead } from "./head.js";
import {
  ApiError,
  badRequest,
  notFound,
  parseAddress,
  parseInterval,
  parseLimit,
  parseMarketId,
  parseOptionalBlockNumber,
  parseOptionalEventId,
  parseOptionalMarketId,
  parseOptionalTimestamp,
  toJson,
} from "./validate.js";

const ORDER_STATUSES = ["open", "filled", "cancelled", "dead"];

export async function requireHead(): Promise<IndexedHead> {
  const head = await indexedHead();
  if (head === undefined) throw new ApiError(409, "nothing indexed yet");
  return head;
}

/** Index prices (newest round) by index id. */
export async function indexPrices(): Promise<Map<string, bigint | null>> {
  const rows = await db.select({ id: indexes.id, price: indexes.latestPrice }).from(indexes);
  return new Map(rows.map((r) => [r.id.toLowerCase(), r.price]));
}

export function marketView(m: MarketRow, indexPrice: bigint | null, head: IndexedHead) {
  return toJson({
    marketId: m.id,
    indexId: m.indexId,
    indexName: formatIndexId(m.indexId as `0x${string}`),
    tradingStart: m.tradingStart,
    windowStart: m.windowStart,
    windowEnd: m.windowEnd,
    state: marketState(m, head.timestamp),
    mode: m.mode,
    stage: m.stage,
    markPrice: markPriceAt(m, indexPrice, head.timestamp),
    indexPrice,
    lastPrice: m.lastPrice,
    openInterest: m.openInterest,
    longOpenNotional: m.longOpenNotional,
    shortOpenNotional: m.shortOpenNotional,
    finalPrice: m.stage === "none" ? null : m.finalPrice,
    writeDownPerUnit: m.haircut,
    winnerIsLong: m.winnerIsLong,
    badDebt: m.badDebt,
    volume: m.volume,
    tradeCount: m.tradeCount,
    tickSize: m.tickSize,
    lotSize: m.lotSize,
    imBps: m.imBps,
    mmBps: m.mmBps,
    makerFeeBps: m.makerFeeBps,
    takerFeeBps: m.takerFeeBps,
    oiCap: m.oiCap,
    maxPosition: m.maxPosition,
    bandBps: m.bandBps,
    ema: m.ema,
    asOf: { blockNumber: head.number, blockTimestamp: head.timestamp },
  });
}

export async function findMarket(raw: string | undefined): Promise<MarketRow> {
  const id = parseMarketId(raw);
  const [row] = await db.select().from(markets).where(eq(markets.id, id)).limit(1);
  if (row === undefined) throw notFound(`market ${id} does not exist`);
  return row;
}

function tradeView(t: typeof trades.$inferSelect) {
  return toJson({
    id: t.id,
    marketId: t.marketId,
    orderId: t.orderId,
    price: t.price,
    size: t.size,
    takerIsBuy: t.takerIsBuy,
    taker: t.taker,
    maker: t.maker,
    makerFee: t.makerFee,
    takerFee: t.takerFee,
    timestamp: t.blockTimestamp,
    blockNumber: t.blockNumber,
    transactionHash: t.transactionHash,
  });
}

async function tradePage(marketId: bigint | undefined, limitRaw: string | undefined, beforeRaw: string | undefined) {
  const limit = parseLimit(limitRaw);
  const before = parseOptionalEventId(beforeRaw, "before");
  const where = and(
    marketId === undefined ? undefined : eq(trades.marketId, marketId),
    before === undefined ? undefined : lt(trades.id, before),
  );
  const rows = await db.select().from(trades).where(where).orderBy(desc(trades.id)).limit(limit);
  return {
    trades: rows.map(tradeView),
    nextBefore: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}

export const tradeRoutes = new Hono().get("/", async (c) => {
  const market = parseOptionalMarketId(c.req.query("market"));
  return c.json(await tradePage(market, c.req.query("limit"), c.req.query("before")));
});

export const marketRoutes = new Hono()
  .get("/", async (c) => {
    const head = await requireHead();
    const [rows, prices] = await Promise.all([db.select().from(markets).orderBy(asc(markets.id)), indexPrices()]);
    return c.json({ markets: rows.map((m) => marketView(m, prices.get(m.indexId.toLowerCase()) ?? null, head)) });
  })
  .get("/:id", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const head = await requireHead();
    const prices = await indexPrices();
    return c.json(marketView(m, prices.get(m.indexId.toLowerCase()) ?? null, head));
  })
  .get("/:id/book", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const depth = parseLimit(c.req.query("depth"));
    const rows = await db
      .select({
        isBid: orders.isBid,
        price: orders.price,
        size: sql<string>`sum(${orders.remaining})`,
        orders: sql<string>`count(*)`,
      })
      .from(orders)
      .where(and(eq(orders.marketId, m.id), eq(orders.status, "open")))
      .groupBy(orders.isBid, orders.price);
    const level = (r: (typeof rows)[number]) => ({
      price: r.price.toString(),
      size: BigInt(r.size).toString(),
      orders: Number(r.orders),
    });
    const bids = rows.filter((r) => r.isBid).sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0));
    const asks = rows.filter((r) => !r.isBid).sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
    const head = await requireHead();
    return c.json({
      marketId: m.id.toString(),
      bids: bids.slice(0, depth).map(level),
      asks: asks.slice(0, depth).map(level),
      asOf: { blockNumber: head.number.toString() },
    });
  })
  .get("/:id/orders", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const status = c.req.query("status") || "open";
    if (!ORDER_STATUSES.includes(status)) throw badRequest(`status: must be one of ${ORDER_STATUSES.join(", ")}`);
    const owner = c.req.query("owner") ? parseAddress(c.req.query("owner"), "owner") : undefined;
    const limit = parseLimit(c.req.query("limit"));
    const rows = await db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.marketId, m.id),
          eq(orders.status, status),
          owner === undefined ? undefined : eq(orders.owner, owner),
        ),
      )
      .orderBy(asc(orders.id))
      .limit(limit);
    return c.json({ marketId: m.id.toString(), orders: toJson(rows) });
  })
  .get("/:id/trades", async (c) => {
    const m = await findMarket(c.req.param("id"));
    return c.json(await tradePage(m.id, c.req.query("limit"), c.req.query("before")));
  })
  .get("/:id/candles", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const interval = parseInterval(c.req.query("interval"));
    const from = parseOptionalTimestamp(c.req.query("from"), "from");
    const to = parseOptionalTimestamp(c.req.query("to"), "to");
    const limit = parseLimit(c.req.query("limit"));
    const rows = await db
      .select()
      .from(candles)
      .where(
        and(
          eq(candles.marketId, m.id),
          eq(candles.interval, interval),
          from === undefined ? undefined : gte(candles.start, BigInt(from)),
          to === undefined ? undefined : lte(candles.start, BigInt(to)),
        ),
      )
      .orderBy(desc(candles.start))
      .limit(limit);
    return c.json({ marketId: m.id.toString(), interval, candles: toJson(rows.reverse()) });
  })
  .get("/:id/open-interest", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const head = await requireHead();
    const [sides] = await db
      .select({
        longs: sql<string>`count(*) filter (where ${positions.size} > 0)`,
        shorts: sql<string>`count(*) filter (where ${positions.size} < 0)`,
        longSize: sql<string>`coalesce(sum(${positions.size}) filter (where ${positions.size} > 0), 0)`,
        shortSize: sql<string>`coalesce(sum(${positions.size}) filter (where ${positions.size} < 0), 0)`,
      })
      .from(positions)
      .where(and(eq(positions.marketId, m.id), ne(positions.size, 0n)));
    return c.json(
      toJson({
        marketId: m.id,
        openInterest: m.openInterest,
        longOpenNotional: m.longOpenNotional,
        shortOpenNotional: m.shortOpenNotional,
        longs: Number(sides?.longs ?? 0),
        shorts: Number(sides?.shorts ?? 0),
        longSize: BigInt(sides?.longSize ?? 0),
        shortSize: BigInt(sides?.shortSize ?? 0),
        asOf: { blockNumber: head.number, blockTimestamp: head.timestamp },
      }),
    );
  })
  .get("/:id/positions.csv", async (c) => {
    const m = await findMarket(c.req.param("id"));
    const head = await requireHead();
    const block = parseOptionalBlockNumber(c.req.query("block"), "block", head.number) ?? head.number;
    const rows = await db
      .selectDistinctOn([positionChanges.account], {
        account: positionChanges.account,
        size: positionChanges.size,
        openNotional: positionChanges.openNotional,
        collateral: positionChanges.collateral,
        blockNumber: positionChanges.blockNumber,
        id: positionChanges.id,
      })
      .from(positionChanges)
      .where(and(eq(positionChanges.marketId, m.id), lte(positionChanges.blockNumber, block)))
      .orderBy(positionChanges.account, desc(positionChanges.id));
    const held = rows.filter((r) => r.size !== 0n);
    const csv = toCsv(
      ["market_id", "block", "account", "size", "open_notional", "collateral_after_last_change", "last_change_block"],
      held.map((r) => [m.id, block, r.account, r.size, r.openNotional, r.collateral, r.blockNumber]),
    );
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="positions-market-${m.id}-block-${block}.csv"`,
    });
  });
