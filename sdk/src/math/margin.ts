/**
 * The clearing house's risk math (contracts/libraries/MarginLib.sol and the margin loop of
 * ClearingHouseStorage), in bigint: the same function names and the same rounding, which is in
 * each name and always favours the protocol (requirements and fees up, payouts down). Tested for
 * equality against the deployed library on random inputs (`margin.contract.test.ts`).
 *
 * Units: sizes in GPU-hours (signed: long > 0), prices in quote units per GPU-hour, amounts in
 * the collateral's smallest unit, fractions in basis points.
 */
import { MathInputError } from "./errors.js";

/** Basis points in one. */
const BPS = 10_000n;

function ceilDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n || a < 0n) throw new MathInputError("ceilDiv: needs a ≥ 0 and b > 0");
  return a === 0n ? 0n : (a - 1n) / b + 1n;
}

/** The smaller of two bigints (Math.min takes numbers only). */
function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** The larger of two bigints. */
function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Absolute value. */
export function abs(x: bigint): bigint {
  return x >= 0n ? x : -x;
}

/** `absSize × price × bps / 10_000`, rounded up: margin requirements and fees. */
export function bpsOfNotionalUp(absSize: bigint, price: bigint, bps: bigint): bigint {
  return ceilDiv(absSize * price * bps, BPS);
}

/** `amount × bps / 10_000`, rounded down: shares paid out. */
export function bpsDown(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BPS;
}

/** Unrealized PnL of a position at `price`: size × price − openNotional. */
export function unrealizedPnl(size: bigint, openNotional: bigint, price: bigint): bigint {
  return size * price - openNotional;
}

/** The largest |size| if every resting order on one side fills: max(|size + bid|, |size − ask|). */
export function worstSize(size: bigint, bid: bigint, ask: bigint): bigint {
  const up = abs(size + bid);
  const down = abs(size - ask);
  return maxOf(up, down);
}

/**
 * Margin of a position of signed `size` when up to `coveredHours` of a short are covered by
 * posted capacity: the covered part `min(|size|, coveredHours)` at `coveredBps`, the rest at
 * `bps`, each rounded up. A long is never covered (MarginLib.coveredMarginUp).
 */
export function coveredMarginUp(
  size: bigint,
  coveredHours: bigint,
  price: bigint,
  bps: bigint,
  coveredBps: bigint,
): bigint {
  const absSize = abs(size);
  const covered = size < 0n ? minOf(absSize, coveredHours) : 0n;
  return bpsOfNotionalUp(covered, price, coveredBps) + bpsOfNotionalUp(absSize - covered, price, bps);
}

/** Initial margin of a covered position with resting orders: the worse of its two sides. */
export function coveredWorstMarginUp(
  size: bigint,
  bid: bigint,
  ask: bigint,
  coveredHours: bigint,
  price: bigint,
  bps: bigint,
  coveredBps: bigint,
): bigint {
  return maxOf(
    coveredMarginUp(size + bid, coveredHours, price, bps, coveredBps),
    coveredMarginUp(size - ask, coveredHours, price, bps, coveredBps),
  );
}

/** Whether adding `delta` only reduces |size| without flipping it (a reduce-only trade). */
export function isReducing(size: bigint, delta: bigint): boolean {
  return size !== 0n && size > 0n !== delta > 0n && abs(delta) <= abs(size);
}

/** `x × num / den` for signed `x`, rounded toward +∞. */
export function mulDivSignedUp(x: bigint, num: bigint, den: bigint): bigint {
  if (x >= 0n) return ceilDiv(x * num, den);
  return -((-x * num) / den);
}

/**
 * Whether a trade of `delta` opens or adds to a position of `size` (flat, or the same sign):
 * it realizes nothing, and a fill's fee then goes into the open notional (`applyFillDown`).
 */
export function opensOrAdds(size: bigint, delta: bigint): boolean {
  return size === 0n || size > 0n === delta > 0n;
}

/** A position after a trade, and the PnL the trade realized. */
export type TradeResult = { newSize: bigint; newOpenNotional: bigint; realizedPnl: bigint };

/**
 * The position after a trade of `delta` GPU-hours at `price`, and the PnL it realizes. Reducing
 * closes a proportional part of the open notional, rounded toward +∞, so realized PnL rounds down.
 */
export function applyTradeDown(size: bigint, openNotional: bigint, delta: bigint, price: bigint): TradeResult {
  if (opensOrAdds(size, delta)) {
    return { newSize: size + delta, newOpenNotional: openNotional + delta * price, realizedPnl: 0n };
  }
  const absSize = abs(size);
  const absDelta = abs(delta);
  if (absDelta <= absSize) {
    const closed = mulDivSignedUp(openNotional, absDelta, absSize);
    return { newSize: size + delta, newOpenNotional: openNotional - closed, realizedPnl: -delta * price - closed };
  }
  const newSize = size + delta;
  return { newSize, newOpenNotional: newSize * price, realizedPnl: size * price - openNotional };
}

/**
 * A position after a fill, and the change of collateral it makes: MarginLib.applyFillDown's
 * outputs, with the trade's realized PnL (`applyTradeDown`'s, which the contract computes on the
 * way) besides.
 */
export type FillResult = TradeResult & {
  /** Realized PnL less the fee; 0 for a fill that opens or adds (its fee went into the open notional). */
  collateralChange: bigint;
};

/**
 * A fill of `delta` GPU-hours at `price` paying `fee` (MarginLib.applyFillDown): the size and
 * open notional are `applyTradeDown`'s; a fill that opens or adds to the position (`size == 0` or
 * the same sign as `delta`) then pays its fee into the open notional, so collateral does not
 * move; one that reduces or flips the position moves its realized PnL less the fee into
 * collateral. Either way equity falls by exactly `fee`.
 *
 * The open notional therefore includes the fees paid to open the position: its entry price,
 * `openNotional / size`, is fees included, and the PnL a later reduce realizes is net of them.
 */
export function applyFillDown(
  size: bigint,
  openNotional: bigint,
  delta: bigint,
  price: bigint,
  fee: bigint,
): FillResult {
  const t = applyTradeDown(size, openNotional, delta, price);
  if (opensOrAdds(size, delta)) {
    return { ...t, newOpenNotional: t.newOpenNotional + fee, collateralChange: 0n };
  }
  return { ...t, collateralChange: t.realizedPnl - fee };
}

/**
 * GPU-hours a liquidator must take over to bring an account `shortfall` below its initial margin
 * back to it, rounded up to whole lots and capped at the position (the whole position when
 * `penaltyBps >= imBps`).
 */
export function liquidationSizeUp(
  shortfall: bigint,
  markPrice: bigint,
  imBps: bigint,
  penaltyBps: bigint,
  lot: bigint,
  absSize: bigint,
): bigint {
  if (imBps <= penaltyBps || markPrice === 0n) return absSize;
  let q = ceilDiv(shortfall * BPS, markPrice * (imBps - penaltyBps));
  q = ceilDiv(q, lot) * lot;
  return minOf(q, absSize);
}

/** The mark-price band at time `t`: `bandBps` until the window opens, narrowing linearly to a quarter at its end. */
export function bandAt(bandBps: bigint, windowStart: bigint, windowEnd: bigint, t: bigint): bigint {
  if (t <= windowStart) return bandBps;
  const floor = bandBps / 4n;
  if (t >= windowEnd) return floor;
  return bandBps - ((bandBps - floor) * (t - windowStart)) / (windowEnd - windowStart);
}

/** Lowest and highest prices inside `bandBps` around `index` (rounded inward). */
export function bandLimits(index: bigint, bandBps: bigint): { lower: bigint; upper: bigint } {
  return { lower: ceilDiv(index * (BPS - bandBps), BPS), upper: (index * (BPS + bandBps)) / BPS };
}

/** `price` clamped to the band around `index`. */
export function clampToBand(price: bigint, index: bigint, bandBps: bigint): bigint {
  const { lower, upper } = bandLimits(index, bandBps);
  return price < lower ? lower : price > upper ? upper : price;
}

/** The traded-price moving average after a trade at `price`, `elapsed` seconds after the last update, rounded down. */
export function emaDown(ema: bigint, price: bigint, elapsed: bigint, period: bigint): bigint {
  if (ema === 0n || elapsed >= period) return price;
  if (price >= ema) return ema + ((price - ema) * elapsed) / period;
  return ema - ceilDiv((ema - price) * elapsed, period);
}

/** Mark price: the traded-price average (the index when there is none) clamped to the band around the index. */
export function markPrice(ema: bigint, index: bigint, bandBps: bigint): bigint {
  return ema === 0n ? index : clampToBand(ema, index, bandBps);
}

/** Aggregate PnL of a market's long and short sides at `price`. */
export function sidePnls(
  openInterest: bigint,
  longOpenNotional: bigint,
  shortOpenNotional: bigint,
  price: bigint,
): { longPnl: bigint; shortPnl: bigint } {
  const value = openInterest * price;
  return { longPnl: value - longOpenNotional, shortPnl: -value - shortOpenNotional };
}

/** Write-down per GPU-hour of the winning side covering `badDebt`: up, capped at the winners' PnL per GPU-hour (down). */
export function haircutPerUnitUp(badDebt: bigint, openInterest: bigint, winnersPnl: bigint): bigint {
  if (badDebt === 0n || openInterest === 0n || winnersPnl <= 0n) return 0n;
  const h = ceilDiv(badDebt, openInterest);
  const cap = winnersPnl / openInterest;
  return minOf(h, cap);
}

/** Settlement PnL at the final price, less the write-down when the position is on the winning side. */
export function settlementPnlDown(
  size: bigint,
  openNotional: bigint,
  finalPrice: bigint,
  haircut: bigint,
  winnerIsLong: boolean,
): bigint {
  let pnl = size * finalPrice - openNotional;
  if (haircut !== 0n && size !== 0n && size > 0n === winnerIsLong) pnl -= abs(size) * haircut;
  return pnl;
}

/* ------------------------------------------------------------------------------------------ */
/*                    Account level: the clearing house's `health` loop                        */
/* ------------------------------------------------------------------------------------------ */

/** One market of an account, as `health` sees it. */
export type PositionRisk = {
  size: bigint;
  openNotional: bigint;
  /** Resting bid and ask sizes (their reservations). */
  bidSize: bigint;
  askSize: bigint;
  /** The market's mark price now (ignored once settled). */
  markPrice: bigint;
  /**
   * The market's index price now (`oracle.latestPrice`). Only the liquidation valuation reads it
   * (`liquidationHealth`); without it a position is valued at the mark there too.
   */
  indexPrice?: bigint | undefined;
  imBps: bigint;
  mmBps: bigint;
  /** Set once the market is settled: the position counts its settlement PnL, no margin. */
  settlement?: { finalPrice: bigint; haircut: bigint; winnerIsLong: boolean } | undefined;
  /**
   * Capacity posted as cover in this market: the GPU-hours still to come inside the market's
   * window (`coverOf(...).coveredHours`) and the market's covered IM/MM (`coverParams`).
   */
  cover?: { coveredHours: bigint; imBps: bigint; mmBps: bigint } | undefined;
};

/** An account's margin picture, as the clearing house's `health(account)` returns it. */
export type Health = {
  equity: bigint;
  /** Initial margin over positions and resting orders (worst side). */
  initialMargin: bigint;
  /** Initial margin over positions alone (what a liquidation restores). */
  positionMargin: bigint;
  maintenanceMargin: bigint;
  openPositions: bigint;
};

/** Equity and margins of an account: collateral plus each market's contribution (`_accrue`). */
export function accountHealth(collateral: bigint, positions: readonly PositionRisk[]): Health {
  const h: Health = {
    equity: collateral,
    initialMargin: 0n,
    positionMargin: 0n,
    maintenanceMargin: 0n,
    openPositions: 0n,
  };
  for (const p of positions) {
    if (p.size === 0n && p.openNotional === 0n && p.bidSize === 0n && p.askSize === 0n) continue;
    if (p.settlement) {
      h.equity += settlementPnlDown(
        p.size,
        p.openNotional,
        p.settlement.finalPrice,
        p.settlement.haircut,
        p.settlement.winnerIsLong,
      );
      continue;
    }
    if (p.cover) {
      const { coveredHours: ch, imBps: cim, mmBps: cmm } = p.cover;
      if (p.size !== 0n) {
        h.openPositions += 1n;
        h.equity += unrealizedPnl(p.size, p.openNotional, p.markPrice);
        h.positionMargin += coveredMarginUp(p.size, ch, p.markPrice, p.imBps, cim);
        h.maintenanceMargin += coveredMarginUp(p.size, ch, p.markPrice, p.mmBps, cmm);
      }
      h.initialMargin += coveredWorstMarginUp(p.size, p.bidSize, p.askSize, ch, p.markPrice, p.imBps, cim);
      continue;
    }
    if (p.size !== 0n) {
      const absSize = abs(p.size);
      h.openPositions += 1n;
      h.equity += unrealizedPnl(p.size, p.openNotional, p.markPrice);
      h.positionMargin += bpsOfNotionalUp(absSize, p.markPrice, p.imBps);
      h.maintenanceMargin += bpsOfNotionalUp(absSize, p.markPrice, p.mmBps);
    }
    h.initialMargin += bpsOfNotionalUp(worstSize(p.size, p.bidSize, p.askSize), p.markPrice, p.imBps);
  }
  return h;
}

/** Equity above the initial margin: what can be withdrawn or put at risk (negative when below). */
export function freeMargin(health: Health): bigint {
  return health.equity - health.initialMargin;
}

/** Whether the clearing house would let anyone liquidate the account: equity < maintenance, strictly. */
export function isLiquidatable(health: Health): boolean {
  return health.openPositions > 0n && health.equity < health.maintenanceMargin;
}

/**
 * The price `liquidate` values a position of `size` at (`_liquidationPrice`, finding F-2): the
 * better for its holder of `mark` and `index` — a long at the higher, a short (and a flat
 * position's orders) at the lower.
 */
export function liquidationValuationPrice(size: bigint, index: bigint, mark: bigint): bigint {
  return (size > 0n ? index > mark : index < mark) ? index : mark;
}

/** `position` with its mark replaced by its liquidation valuation price (unchanged once settled). */
function atLiquidationValue(p: PositionRisk): PositionRisk {
  if (p.settlement || p.indexPrice === undefined) return p;
  return { ...p, markPrice: liquidationValuationPrice(p.size, p.indexPrice, p.markPrice) };
}

/**
 * The account's health as `liquidate` computes it (finding F-2): every unsettled market, covered
 * or not, valued at `liquidationValuationPrice` instead of the mark. The contract accepts a
 * liquidation exactly when `isLiquidatable` holds for this health; `health(account)` (the mark
 * alone) can say liquidatable when this does not (never the reverse: the better price only adds
 * equity above maintenance).
 */
export function liquidationHealth(collateral: bigint, positions: readonly PositionRisk[]): Health {
  return accountHealth(collateral, positions.map(atLiquidationValue));
}

/**
 * The price of one market at which the account becomes liquidatable, everything else
 * (collateral, other markets) unchanged. Under finding F-2 `liquidate` values each position at
 * the better of mark and index, so the account is liquidatable only once *both* the mark and the
 * index are past this price: below it (long) or above it (short). Pass `liquidationHealth` of the
 * account's positions, and the position with its `indexPrice` (without it, the mark alone is
 * used, as before F-2). Rounded toward the current price (up for a long, down for a short), so a
 * trader is warned early. `null` when no price can reach it (a long whose equity stays above
 * maintenance at any price ≥ 0, or a flat position).
 *
 * Solves E₀ + s·m − N = M₀ + |s|·m·mm / 10 000 for m, where E₀ and M₀ are the account's equity and
 * maintenance margin (at liquidation value) without this market.
 */
export function liquidationPrice(parameters: { health: Health; position: PositionRisk }): bigint | null {
  const { health } = parameters;
  const p = atLiquidationValue(parameters.position);
  if (p.size === 0n || p.settlement) return null;
  const absSize = abs(p.size);
  const equityOthers = health.equity - unrealizedPnl(p.size, p.openNotional, p.markPrice);
  // A covered short's maintenance is q·cmm + (|s| − q)·mm per unit of price (q = covered part).
  const covered = p.cover && p.size < 0n ? minOf(absSize, p.cover.coveredHours) : 0n;
  const coveredMm = p.cover?.mmBps ?? p.mmBps;
  const maintHere = p.cover
    ? coveredMarginUp(p.size, p.cover.coveredHours, p.markPrice, p.mmBps, coveredMm)
    : bpsOfNotionalUp(absSize, p.markPrice, p.mmBps);
  const maintOthers = health.maintenanceMargin - maintHere;
  // |s| × mm, blended over the covered and uncovered parts.
  const sizeMm = covered * coveredMm + (absSize - covered) * p.mmBps;
  // m × (s × BPS − |s| × mm) = (M₀ + N − E₀) × BPS
  const numerator = (maintOthers + p.openNotional - equityOthers) * BPS;
  if (p.size > 0n) {
    const den = absSize * BPS - sizeMm;
    if (numerator <= 0n) return null;
    return ceilDiv(numerator, den);
  }
  const den = absSize * BPS + sizeMm; // the equation's denominator is −den
  const m = -numerator; // m = −numerator / den
  if (m <= 0n) return 0n;
  return m / den;
}
