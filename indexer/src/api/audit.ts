/**
 * Auditors' routes:
 *   GET /settlements                   every market that reached settlement, with its write-down
 *   GET /liquidations?limit=&before=&market=   liquidations, newest first
 *   GET /solvency                      the index's liabilities reconciled with the collateral
 *                                      token's balance of the clearing house, read from the chain
 *                                      at the newest indexed block
 */
import { db, publicClients } from "ponder:api";
import { accounts, liquidations, markets, pools, positions, settlements } from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, eq, lt, ne, sql } from "ponder";
import { erc20Abi } from "viem";
import { settlementPnlDown } from "../../../sdk/src/math/margin.js";
import { clearingHouseAddress, collateralAddress } from "../lib/deployment.js";
import { indexedHead } from "./head.js";
import { requireHead } from "./markets.js";
import { ApiError, parseLimit, parseOptionalEventId, parseOptionalMarketId, toJson } from "./validate.js";

/** The index's side of the solvency identity, from its tables as they are now. */
async function liabilities() {
  const [[collateral], marketRows, [pool], settledPositions] = await Promise.all([
    db.select({ total: sql<string>`coalesce(sum(${accounts.collateral}), 0)` }).from(accounts),
    db.select().from(markets),
    db.select().from(pools).where(eq(pools.id, "pools")).limit(1),
    db
      .select({ p: positions, m: markets })
      .from(positions)
      .innerJoin(markets, eq(positions.marketId, markets.id))
      .where(and(eq(markets.stage, "settled"), ne(positions.size, 0n))),
  ]);
  let unclaimedPnl = 0n;
  for (const { p, m } of settledPositions) {
    unclaimedPnl += settlementPnlDown(p.size, p.openNotional, m.finalPrice ?? 0n, m.haircut, m.winnerIsLong ?? false);
  }
  // Unsettled markets: Σ size = 0, so Σ (size × price − openNotional) = −Σ openNotional at any price.
  let openPnl = 0n;
  for (const m of marketRows) if (m.stage !== "settled") openPnl -= m.longOpenNotional + m.shortOpenNotional;
  return {
    totalCollateral: BigInt(collateral?.total ?? 0),
    unclaimedPnl,
    openPnl,
    fees: pool?.fees ?? 0n,
    insurance: pool?.insurance ?? 0n,
    pendingBadDebt: pool?.badDebt ?? 0n,
    deficit: pool?.deficit ?? 0n,
  };
}

export const auditRoutes = new Hono()
  .get("/settlements", async (c) => {
    const rows = await db.select().from(settlements).orderBy(asc(settlements.marketId));
    return c.json({ settlements: toJson(rows) });
  })
  .get("/liquidations", async (c) => {
    const limit = parseLimit(c.req.query("limit"));
    const before = parseOptionalEventId(c.req.query("before"), "before");
    const market = parseOptionalMarketId(c.req.query("market"));
    const rows = await db
      .select()
      .from(liquidations)
      .where(
        and(
          market === undefined ? undefined : eq(liquidations.marketId, market),
          before === undefined ? undefined : lt(liquidations.id, before),
        ),
      )
      .orderBy(desc(liquidations.id))
      .limit(limit);
    return c.json({
      liquidations: toJson(rows),
      nextBefore: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
    });
  })
  .get("/solvency", async (c) => {
    // The tables and the block must agree: read the head before and after, retry if it moved.
    for (let attempt = 0; attempt < 5; attempt++) {
      const head = await requireHead();
      const figures = await liabilities();
      const after = await indexedHead();
      if (after?.number !== head.number) continue;
      const tokenBalance = await publicClients.computus.readContract({
        address: collateralAddress,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [clearingHouseAddress],
        blockNumber: head.number,
      });
      const total = figures.totalCollateral + figures.unclaimedPnl + figures.openPnl + figures.fees + figures.insurance;
      const difference = tokenBalance - total;
      const unbacked = figures.pendingBadDebt + figures.deficit;
      const solvent = difference >= 0n;
      const matches = difference === -unbacked;
      const summary = solvent
        ? difference === 0n
          ? `Solvent at block ${head.number}: the token balance equals the liabilities exactly.`
          : `Solvent at block ${head.number}: the token balance exceeds the liabilities by ${difference} (tokens sent to the clearing house outside deposits).`
        : matches
          ? `NOT solvent at block ${head.number}: liabilities exceed the token balance by ${-difference}, exactly the recorded bad debt (${figures.pendingBadDebt} waiting for write-down at settlement, ${figures.deficit} global deficit).`
          : `NOT solvent at block ${head.number}: liabilities exceed the token balance by ${-difference}, of which only ${unbacked} is recorded bad debt: the index and the chain disagree.`;
      return c.json(
        toJson({
          blockNumber: head.number,
          blockTimestamp: head.timestamp,
          clearingHouse: clearingHouseAddress,
          collateralToken: collateralAddress,
          tokenBalance,
          ...figures,
          liabilities: total,
          solvent,
          difference,
          matches,
          summary,
        }),
      );
    }
    throw new ApiError(409, "the indexer kept moving: try again");
  });
