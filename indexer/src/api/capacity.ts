/**
 * REST routes over capacity tokens and the capacity posted as cover in the clearing house:
 *   GET /capacity                  totals: ids, units minted, outstanding and pending hours,
 *                                  bonds, and units posted as cover (for the dashboard's panel)
 *   GET /capacity/collateral?account=&market=&limit=
 *                                  capacity posted per (account, market), largest first
 * Bad input is a 4xx with a JSON `{ "error": message }`.
 */
import { db } from "ponder:api";
import { capacityCollateral, capacityTokens } from "ponder:schema";
import { Hono } from "hono";
import { and, desc, eq } from "ponder";
import { requireHead } from "./markets.js";
import { parseAddress, parseLimit, parseOptionalMarketId, toJson } from "./validate.js";

export const capacityRoutes = new Hono()
  .get("/", async (c) => {
    const head = await requireHead();
    const [tokens, posted] = await Promise.all([
      db.select().from(capacityTokens),
      db.select().from(capacityCollateral),
    ]);
    const sum = <T>(rows: readonly T[], f: (row: T) => bigint) => rows.reduce((s, r) => s + f(r), 0n);
    return c.json(
      toJson({
        ids: tokens.length,
        providers: new Set(tokens.map((t) => t.provider.toLowerCase())).size,
        minted: sum(tokens, (t) => t.minted),
        outstanding: sum(tokens, (t) => t.outstanding),
        pending: sum(tokens, (t) => t.redeemed - t.delivered - t.compensated),
        delivered: sum(tokens, (t) => t.delivered),
        compensated: sum(tokens, (t) => t.compensated),
        bonds: sum(tokens, (t) => t.bond),
        collateral: {
          accounts: new Set(posted.filter((p) => p.units > 0n).map((p) => p.account.toLowerCase())).size,
          units: sum(posted, (p) => p.units),
          seized: sum(posted, (p) => p.seized),
        },
        tokens: tokens
          .sort((a, b) => (a.start === b.start ? 0 : a.start < b.start ? -1 : 1))
          .map((t) => ({
            id: t.id,
            provider: t.provider,
            indexId: t.indexId,
            start: t.start,
            end: t.end,
            minted: t.minted,
            outstanding: t.outstanding,
            bond: t.bond,
            bondPerHour: t.bondPerHour,
            posted: sum(
              posted.filter((p) => p.tokenId === t.id),
              (p) => p.units,
            ),
          })),
        asOf: { blockNumber: head.number, blockTimestamp: head.timestamp },
      }),
    );
  })
  .get("/collateral", async (c) => {
    const account = c.req.query("account");
    const market = parseOptionalMarketId(c.req.query("market"));
    const limit = parseLimit(c.req.query("limit"));
    const where = and(
      account === undefined ? undefined : eq(capacityCollateral.account, parseAddress(account, "account")),
      market === undefined ? undefined : eq(capacityCollateral.marketId, market),
    );
    const rows = await db
      .select()
      .from(capacityCollateral)
      .where(where)
      .orderBy(desc(capacityCollateral.units), capacityCollateral.account, capacityCollateral.marketId)
      .limit(limit);
    return c.json(toJson({ collateral: rows }));
  });
