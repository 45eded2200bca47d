/**
 * Properties of the account-level math: liquidation price against a brute-force check with
 * `accountHealth`, and trade bookkeeping that creates or loses nothing over a position's life.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountHealth,
  applyTradeDown,
  isLiquidatable,
  liquidationHealth,
  liquidationPrice,
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
