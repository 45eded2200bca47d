/**
 * What the clearing house computes from its stored state at a given time, computed from the
 * indexer's rows with the SDK's mirror of MarginLib: a market's state by the clock, its mark
 * price, and an account's equity and margins (ClearingHouseStorage._health).
 */
import type { markets, positions } from "ponder:schema";
import {
  abs,
  bandAt,
  bpsOfNotionalUp,
  coveredMarginUp,
  markPrice as markPriceOf,
  settlementPnlDown,
  unrealizedPnl,
} from "../../../sdk/src/math/margin.js";

export type MarketRow = typeof markets.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;

export const STATES = ["Listed", "Trading", "Averaging", "Expired", "Settled"] as const;

/** IClearingHouseBase.State by the clock at `now` and the settlement stage. */
export function marketState(m: MarketRow, now: bigint): (typeof STATES)[number] {
  if (m.stage === "settled") return "Settled";
  if (now < m.tradingStart) return "Listed";
  if (now < m.windowStart) return "Trading";
  if (now < m.windowEnd) return "Averaging";
  return "Expired";
}

/**
 * The mark price at `now`: the final price once settled, else the traded-price average clamped
 * to the band around the index's newest price (null when the index has no round yet).
 */
export function markPriceAt(m: MarketRow, indexPrice: bigint | null, now: bigint): bigint | null {
  if (m.stage === "settled" && m.finalPrice !== null) return m.finalPrice;
  if (indexPrice === null) return null;
  return markPriceOf(m.ema, indexPrice, bandAt(BigInt(m.bandBps), m.windowStart, m.windowEnd, now));
}

export type Health = { equity: bigint; maintenanceMargin: bigint; positionMargin: bigint; unrealizedPnl: bigint };

/** Capacity an account posted for one market: units and the token's window. */
export type CoverRow = { units: bigint; start: bigint; end: bigint };

/**
 * GPU-hours of `units` spread over [start, end) still to come inside [from, to) at `now`
 * (CapacityMathLib.coveredHoursDown).
 */
export function coveredHoursDown(cover: CoverRow, from: bigint, to: bigint, now: bigint): bigint {
  let lo = cover.start;
  if (from > lo) lo = from;
  if (now > lo) lo = now;
  const hi = cover.end < to ? cover.end : to;
  if (hi <= lo) return 0n;
  return (cover.units * (hi - lo)) / (cover.end - cover.start);
}

/**
 * Equity and margins of an account over its positions (resting orders not included); `covers`
 * (by market id) lowers the margin of covered shorts as the clearing house does.
 */
export function healthOf(
  collateral: bigint,
  held: readonly PositionRow[],
  marketsById: ReadonlyMap<bigint, MarketRow>,
  marks: ReadonlyMap<bigint, bigint | null>,
  covers: ReadonlyMap<bigint, CoverRow> = new Map(),
  now = 0n,
): Health {
  const h: Health = { equity: collateral, maintenanceMargin: 0n, positionMargin: 0n, unrealizedPnl: 0n };
  for (const p of held) {
    const m = marketsById.get(p.marketId);
    if (m === undefined || p.size === 0n) continue;
    if (m.stage === "settled" && m.finalPrice !== null) {
      const pnl = settlementPnlDown(p.size, p.openNotional, m.finalPrice, m.haircut, m.winnerIsLong ?? false);
      h.equity += pnl;
      h.unrealizedPnl += pnl;
      continue;
    }
    const mark = marks.get(p.marketId);
    if (mark === null || mark === undefined) continue;
    const pnl = unrealizedPnl(p.size, p.openNotional, mark);
    h.equity += pnl;
    h.unrealizedPnl += pnl;
    const cover = covers.get(p.marketId);
    if (cover && cover.units > 0n && m.coverImBps !== null && m.coverMmBps !== null) {
      const ch = coveredHoursDown(cover, m.windowStart, m.windowEnd, now);
      h.positionMargin += coveredMarginUp(p.size, ch, mark, BigInt(m.imBps), BigInt(m.coverImBps));
      h.maintenanceMargin += coveredMarginUp(p.size, ch, mark, BigInt(m.mmBps), BigInt(m.coverMmBps));
      continue;
    }
    h.positionMargin += bpsOfNotionalUp(abs(p.size), mark, BigInt(m.imBps));
    h.maintenanceMargin += bpsOfNotionalUp(abs(p.size), mark, BigInt(m.mmBps));
  }
  return h;
}
