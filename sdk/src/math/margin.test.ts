/**
 * Properties of the account-level math: liquidation price against a brute-force check with
 * `accountHealth`, trade bookkeeping that creates or loses nothing over a position's life, and
 * fills that charge their fee exactly once (into the open notional or out of realized PnL).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountHealth,
  applyFillDown,
  applyTradeDown,
  isLiquidatable,
  liquidationHealth,
  liquidationPrice,
  opensOrAdds,
  type PositionRisk,
} from "./margin.js";

describe("liquidationPrice", () => {
  it("separates liquidatable marks from safe ones (one position, cross-margin others fixed)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n, max: 1_000_000n }),
        fc.boolean(),
        fc.bigInt({ min: 1_000n, max: 10_000_000n }),
        fc.bigInt({ min: 1n, max: 4_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        (absSize, long, entry, mm, collateral) => {
          const size = long ? absSize : -absSize;
          const at = (markPrice: bigint): PositionRisk => ({
            size,
            openNotional: size * entry,
            bidSize: 0n,
            askSize: 0n,
            markPrice,
            imBps: mm * 2n,
            mmBps: mm,
          });
          const health = accountHealth(collateral, [at(entry)]);
          const price = liquidationPrice({ health, position: at(entry) });
          const liquidatableAt = (m: bigint) => m >= 0n && isLiquidatable(accountHealth(collateral, [at(m)]));
          if (price === null) {
            expect(long).toBe(true); // a long that no price can bring below maintenance
            expect(liquidatableAt(0n)).toBe(false);
            return;
          }
          if (long) {
            if (price - 1n >= 0n) expect(liquidatableAt(price - 1n)).toBe(true);
            expect(liquidatableAt(price + 2n)).toBe(false);
          } else {
            expect(liquidatableAt(price + 1n)).toBe(true);
            if (price >= 2n) expect(liquidatableAt(price - 2n)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("under F-2: liquidatable only once both mark and index are past it (covered or not)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n, max: 1_000_000n }),
        fc.boolean(),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 2_000_000n }),
        fc.bigInt({ min: 1_000n, max: 10_000_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.bigInt({ min: 1n, max: 100_000n }),
        (absSize, long, covered, coveredHours, entry, collateral, index, gap) => {
          const size = long ? absSize : -absSize;
          const at = (markPrice: bigint, indexPrice: bigint): PositionRisk => ({
            size,
            openNotional: size * entry,
            bidSize: 0n,
            askSize: 0n,
            markPrice,
            indexPrice,
            imBps: 1_000n,
            mmBps: 500n,
            cover: covered ? { coveredHours, imBps: 300n, mmBps: 150n } : undefined,
          });
          const now = at(entry, index);
          const price = liquidationPrice({ health: liquidationHealth(collateral, [now]), position: now });
          const liquidatableAt = (m: bigint, i: bigint) =>
            m >= 0n && i >= 0n && isLiquidatable(liquidationHealth(collateral, [at(m, i)]));
          if (price === null) {
            expect(long).toBe(true);
            expect(liquidatableAt(0n, 0n)).toBe(false);
            return;
          }
          // Past it: both liquidatable; one of mark or index on the safe side: not.
          const past = long ? price - 1n : price + 1n;
          const safe = long ? price + 2n + gap : price - 2n - gap;
          if (past >= 0n) expect(liquidatableAt(past, past)).toBe(true);
          if (past >= 0n && safe >= 0n) {
            expect(liquidatableAt(past, safe)).toBe(false);
            expect(liquidatableAt(safe, past)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("applyTradeDown", () => {
  it("realizes exactly size × exit − entry notional over a position's life (nothing created or lost)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -1_000n, max: 1_000n }), fc.bigInt({ min: 1n, max: 10_000n })), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.bigInt({ min: 1n, max: 10_000n }),
        (trades, exit) => {
          let size = 0n;
          let notional = 0n;
          let realized = 0n;
          let cash = 0n; // −Σ delta × price: what the trades paid
          for (const [delta, price] of trades) {
            if (delta === 0n) continue;
            const t = applyTradeDown(size, notional, delta, price);
            size = t.newSize;
            notional = t.newOpenNotional;
            realized += t.realizedPnl;
            cash -= delta * price;
          }
          // Close at `exit`: realized PnL then equals the trades' cash flow.
          if (size !== 0n) {
            const t = applyTradeDown(size, notional, -size, exit);
            realized += t.realizedPnl;
            cash += size * exit;
            expect(t.newOpenNotional).toBe(0n);
          } else {
            expect(notional).toBe(0n);
          }
          expect(realized).toBe(cash);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("applyFillDown", () => {
  it("opens with the fee in the cost, then realizes it on the close (MarginLib.t.sol's case)", () => {
    // A short receives $2,000 less its $0.40 fee: the fee is in the open notional, collateral untouched.
    const open = applyFillDown(0n, 0n, -1_000n, 2_000_000n, 400_000n);
    expect(open).toEqual({
      newSize: -1_000n,
      newOpenNotional: -2_000_000_000n + 400_000n,
      realizedPnl: 0n,
      collateralChange: 0n,
    });
    // Bought back at $1.90 paying $0.95: $100 gained, the opening fee realized with it, the closing
    // fee out of collateral.
    const close = applyFillDown(open.newSize, open.newOpenNotional, 1_000n, 1_900_000n, 950_000n);
    expect(close).toEqual({
      newSize: 0n,
      newOpenNotional: 0n,
      realizedPnl: 100_000_000n - 400_000n,
      collateralChange: 100_000_000n - 400_000n - 950_000n,
    });
  });

  it("adds with the fee in the cost; entry price = openNotional / size includes it", () => {
    const first = applyFillDown(0n, 0n, 100n, 2_000_000n, 100_000n);
    const added = applyFillDown(first.newSize, first.newOpenNotional, 100n, 2_200_000n, 110_000n);
    expect(added).toEqual({
      newSize: 200n,
      newOpenNotional: 420_000_000n + 210_000n,
      realizedPnl: 0n,
      collateralChange: 0n,
    });
    expect(added.newOpenNotional / added.newSize).toBe(2_101_050n); // 2.10 plus 1,050 of fees per GPU-hour
  });

  it("flips: realizes the old position less the fee; the new one starts at the fill price, fee-free", () => {
    const flip = applyFillDown(100n, 200_000_000n + 50_000n, -300n, 2_100_000n, 300_000n);
    expect(flip).toEqual({
      newSize: -200n,
      newOpenNotional: -420_000_000n,
      realizedPnl: 10_000_000n - 50_000n,
      collateralChange: 10_000_000n - 50_000n - 300_000n,
    });
  });

  it("lowers equity at any price by exactly the fee, and otherwise trades as applyTradeDown", () => {
    const size = fc.bigInt({ min: -1_000_000n, max: 1_000_000n });
    const price = fc.bigInt({ min: 1n, max: 10_000_000n });
    fc.assert(
      fc.property(
        size,
        price,
        size.filter((d) => d !== 0n),
        price,
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        (s, entry, delta, p, fee, q) => {
          const n = s * entry;
          const trade = applyTradeDown(s, n, delta, p);
          const fill = applyFillDown(s, n, delta, p, fee);
          expect(fill.newSize).toBe(trade.newSize);
          expect(fill.realizedPnl).toBe(trade.realizedPnl);
          const opens = s === 0n || s > 0n === delta > 0n;
          expect(opensOrAdds(s, delta)).toBe(opens);
          if (opens) {
            expect(fill.collateralChange).toBe(0n);
            expect(fill.newOpenNotional).toBe(trade.newOpenNotional + fee);
          } else {
            expect(fill.newOpenNotional).toBe(trade.newOpenNotional);
            expect(fill.collateralChange).toBe(trade.realizedPnl - fee);
          }
          const pnlAt = (size: bigint, notional: bigint) => size * q - notional;
          expect(fill.collateralChange + pnlAt(fill.newSize, fill.newOpenNotional)).toBe(
            trade.realizedPnl + pnlAt(trade.newSize, trade.newOpenNotional) - fee,
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("over a position's life, collateral moves by exactly the trades' cash flow less every fee", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.bigInt({ min: -1_000n, max: 1_000n }),
            fc.bigInt({ min: 1n, max: 10_000n }),
            fc.bigInt({ min: 0n, max: 5_000n }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.bigInt({ min: 1n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 5_000n }),
        (fills, exit, exitFee) => {
          let size = 0n;
          let notional = 0n;
          let collateral = 0n;
          let cash = 0n; // −Σ delta × price − Σ fee
          for (const [delta, price, fee] of fills) {
            if (delta === 0n) continue;
            const f = applyFillDown(size, notional, delta, price, fee);
            size = f.newSize;
            notional = f.newOpenNotional;
            collateral += f.collateralChange;
            cash -= delta * price + fee;
          }
          if (size === 0n) {
            // Flat: every opening fee already realized, none left in the open notional.
            expect(notional).toBe(0n);
            expect(collateral).toBe(cash);
            return;
          }
          const f = applyFillDown(size, notional, -size, exit, exitFee);
          expect(f.newOpenNotional).toBe(0n);
          expect(collateral + f.collateralChange).toBe(cash + size * exit - exitFee);
        },
      ),
      { numRuns: 500 },
    );
  });
});
