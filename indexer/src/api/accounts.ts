/**
 * REST routes over accounts:
 *   GET /accounts?limit=            accounts (largest collateral first) with positions, equity and margins
 *   GET /accounts/:address?limit=   one account: positions, equity, and its history (position
 *                                   changes and deposits/withdrawals, newest first)
 * Equity and margins are at the newest indexed block's time, with the mark price the clearing
 * house would use (./chMath.ts).
 */
import { db } from "ponder:api";
import {
  accounts,
  capacityCollateral,
  capacityTokens,
  collateralMovements,
  markets,
  positionChanges,
  positions,
} from "ponder:schema";
import { Hono } from "hono";
import { and, desc, eq, inArray, ne } from "ponder";
import { type CoverRow, healthOf, type MarketRow, markPriceAt, type PositionRow } from "./chMath.js";
import { indexPrices, requireHead } from "./markets.js";
import { notFound, parseAddress, parseLimit, toJson } from "./validate.js";

type AccountRow = typeof accounts.$inferSelect;

async function marketContext(now: bigint) {
  const [rows, prices, posted, tokens] = await Promise.all([
    db.select().from(markets),
    indexPrices(),
    db.select().from(capacityCollateral),
    db.select().from(capacityTokens),
  ]);
  const byId = new Map<bigint, MarketRow>(rows.map((m) => [m.id, m]));
  const marks = new Map<bigint, bigint | null>(
    rows.map((m) => [m.id, markPriceAt(m, prices.get(m.indexId.toLowerCase()) ?? null, now)]),
  );
  // Capacity posted as cover, by account then market, with the token's window.
  const windows = new Map(tokens.map((t) => [t.id, t]));
  const covers = new Map<string, Map<bigint, CoverRow>>();
  for (const p of posted) {
    const t = windows.get(p.tokenId);
    if (t === undefined || p.units === 0n) continue;
    const key = p.account.toLowerCase();
    const byMarket = covers.get(key) ?? new Map<bigint, CoverRow>();
    byMarket.set(p.marketId, { units: p.units, start: t.start, end: t.end });
    covers.set(key, byMarket);
  }
  return { byId, marks, covers, now };
}

function accountView(a: AccountRow, held: readonly PositionRow[], ctx: Awaited<ReturnType<typeof marketContext>>) {
  const open = held.filter((p) => p.size !== 0n);
  const h = healthOf(a.collateral, open, ctx.byId, ctx.marks, ctx.covers.get(a.address.toLowerCase()), ctx.now);
  return {
    address: a.address,
    collateral: a.collateral,
    deposited: a.deposited,
    withdrawn: a.withdrawn,
    realizedPnl: a.realizedPnl,
    feesPaid: a.feesPaid,
    settlementPnl: a.settlementPnl,
    tradeCount: a.tradeCount,
    equity: h.equity,
    unrealizedPnl: h.unrealizedPnl,
    positionMargin: h.positionMargin,
    maintenanceMargin: h.maintenanceMargin,
    positions: open.map((p) => ({
      marketId: p.marketId,
      size: p.size,
      openNotional: p.openNotional,
      realizedPnl: p.realizedPnl,
      markPrice: ctx.marks.get(p.marketId) ?? null,
    })),
    updatedBlock: a.updatedBlock,
  };
}

export const accountRoutes = new Hono()
  .get("/", async (c) => {
    const limit = parseLimit(c.req.query("limit"));
    const head = await requireHead();
    const rows = await db.select().from(accounts).orderBy(desc(accounts.collateral), accounts.address).limit(limit);
    const held =
      rows.length === 0
        ? []
        : await db
            .select()
            .from(positions)
            .where(
              and(
                inArray(
                  positions.account,
                  rows.map((r) => r.address),
                ),
                ne(positions.size, 0n),
              ),
            );
    const ctx = await marketContext(head.timestamp);
    return c.json(
      toJson({
        accounts: rows.map((a) =>
          accountView(
            a,
            held.filter((p) => p.account === a.address),
            ctx,
          ),
        ),
        asOf: { blockNumber: head.number, blockTimestamp: head.timestamp },
      }),
    );
  })
  .get("/:address", async (c) => {
    const address = parseAddress(c.req.param("address"));
    const limit = parseLimit(c.req.query("limit"));
    const [a] = await db.select().from(accounts).where(eq(accounts.address, address)).limit(1);
    if (a === undefined) throw notFound(`account ${address} has never used the clearing house`);
    const head = await requireHead();
    const [held, history, movements, ctx, cover] = await Promise.all([
      db.select().from(positions).where(eq(positions.account, address)),
      db
        .select()
        .from(positionChanges)
        .where(eq(positionChanges.account, address))
        .orderBy(desc(positionChanges.id))
        .limit(limit),
      db
        .select()
        .from(collateralMovements)
        .where(eq(collateralMovements.account, address))
        .orderBy(desc(collateralMovements.id))
        .limit(limit),
      marketContext(head.timestamp),
      db.select().from(capacityCollateral).where(eq(capacityCollateral.account, address)),
    ]);
    return c.json(
      toJson({
        ...accountView(a, held, ctx),
        capacityCollateral: cover,
        history,
        collateralMovements: movements,
        asOf: { blockNumber: head.number, blockTimestamp: head.timestamp },
      }),
    );
  });
