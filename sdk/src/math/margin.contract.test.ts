/**
 * Differential tests: the SDK's margin math against MarginLib itself, deployed behind
 * `MarginLibHarness` on Hardhat's in-process chain, on fast-check inputs within the contracts'
 * bounds (|size| < 2^40, price < 2^64, bps ≤ 10 000).
 */
import fc from "fast-check";
import { network } from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import * as m from "./margin.js";

const RUNS = 80;
// biome-ignore lint/suspicious/noExplicitAny: a test-only contract, not in the SDK's generated ABIs
let h: any;

beforeAll(async () => {
  const { viem } = await network.create();
  h = await viem.deployContract("MarginLibHarness");
}, 60_000);

const size = fc.bigInt({ min: -(2n ** 40n) + 1n, max: 2n ** 40n - 1n });
const absSize = fc.bigInt({ min: 0n, max: 2n ** 40n - 1n });
const price = fc.bigInt({ min: 0n, max: 2n ** 40n });
const bps = fc.bigInt({ min: 0n, max: 10_000n });
const notional = fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n });
const time = fc.bigInt({ min: 0n, max: 2n ** 32n });
const opts = { numRuns: RUNS };

describe("MarginLib in TypeScript equals the contract", () => {
  it("bpsOfNotionalUp, bpsDown", async () => {
    await fc.assert(
      fc.asyncProperty(absSize, price, bps, async (s, p, b) => {
        expect(m.bpsOfNotionalUp(s, p, b)).toBe(await h.read.bpsOfNotionalUp([s, p, b]));
        expect(m.bpsDown(s * p, b)).toBe(await h.read.bpsDown([s * p, b]));
      }),
      opts,
    );
  });

  it("unrealizedPnl, worstSize, isReducing", async () => {
    await fc.assert(
      fc.asyncProperty(size, notional, price, absSize, absSize, size, async (s, n, p, bid, ask, d) => {
        expect(m.unrealizedPnl(s, n, p)).toBe(await h.read.unrealizedPnl([s, n, p]));
        expect(m.worstSize(s, bid, ask)).toBe(await h.read.worstSize([s, bid, ask]));
        expect(m.isReducing(s, d)).toBe(await h.read.isReducing([s, d]));
        // Near the boundary too: delta = −size ± 1.
        expect(m.isReducing(s, -s + 1n)).toBe(await h.read.isReducing([s, -s + 1n]));
      }),
      opts,
    );
  });

  it("coveredMarginUp, coveredWorstMarginUp (covered shorts)", async () => {
    await fc.assert(
      fc.asyncProperty(size, absSize, absSize, absSize, price, bps, bps, async (s, bid, ask, ch, p, b, cb) => {
        expect(m.coveredMarginUp(s, ch, p, b, cb)).toBe(await h.read.coveredMarginUp([s, ch, p, b, cb]));
        // Cover at least the short, and none.
        expect(m.coveredMarginUp(s, m.abs(s), p, b, cb)).toBe(await h.read.coveredMarginUp([s, m.abs(s), p, b, cb]));
        expect(m.coveredWorstMarginUp(s, bid, ask, ch, p, b, cb)).toBe(
          await h.read.coveredWorstMarginUp([s, bid, ask, ch, p, b, cb]),
        );
      }),
      opts,
    );
  });

  it("applyTradeDown and mulDivSignedUp (reduce, close, flip, add)", async () => {
    await fc.assert(
      fc.asyncProperty(
        size.filter((s) => s !== 0n),
        price.filter((p) => p > 0n),
        price,
        fc.oneof(size, fc.bigInt({ min: -3n, max: 3n })),
        async (s, entry, p, nudge) => {
          const n = s * entry + nudge; // an open notional close to size × entry, as positions carry
          for (const d of [nudge, -s, -s + nudge, -s - nudge, s]) {
            if (d === 0n) continue;
            const [a, b, c] = await h.read.applyTradeDown([s, n, d, p]);
            expect(m.applyTradeDown(s, n, d, p)).toEqual({ newSize: a, newOpenNotional: b, realizedPnl: c });
          }
          const den = m.abs(s);
          expect(m.mulDivSignedUp(n, m.abs(nudge) % (den + 1n), den)).toBe(
            await h.read.mulDivSignedUp([n, m.abs(nudge) % (den + 1n), den]),
          );
        },
      ),
      opts,
    );
  });

  it("liquidationSizeUp", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        price,
        bps,
        fc.bigInt({ min: 0n, max: 500n }),
        fc.bigInt({ min: 1n, max: 1_000n }),
        absSize,
        async (shortfall, mark, im, pen, lot, s) => {
          expect(m.liquidationSizeUp(shortfall, mark, im, pen, lot, s)).toBe(
            await h.read.liquidationSizeUp([shortfall, mark, im, pen, lot, s]),
          );
        },
      ),
      opts,
    );
  });

  it("bandAt, bandLimits, clampToBand, markPrice, emaDown", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 9_999n }),
        time,
        fc.bigInt({ min: 1n, max: 2n ** 24n }),
        fc.bigInt({ min: 0n, max: 2n ** 25n }),
        price,
        price,
        fc.bigInt({ min: 1n, max: 10_000n }),
        async (band, start, length, dt, index, ema, period) => {
          const t = start + dt - 2n ** 23n;
          expect(m.bandAt(band, start, start + length, t < 0n ? 0n : t)).toBe(
            await h.read.bandAt([band, start, start + length, t < 0n ? 0n : t]),
          );
          const [lower, upper] = await h.read.bandLimits([index, band]);
          expect(m.bandLimits(index, band)).toEqual({ lower, upper });
          expect(m.clampToBand(ema, index, band)).toBe(await h.read.clampToBand([ema, index, band]));
          expect(m.markPrice(ema, index, band)).toBe(await h.read.markPrice([ema, index, band]));
          const elapsed = dt % (period * 2n);
          expect(m.emaDown(ema, index, elapsed, period)).toBe(await h.read.emaDown([ema, index, elapsed, period]));
        },
      ),
      opts,
    );
  });

  it("sidePnls, haircutPerUnitUp, settlementPnlDown (the write-down)", async () => {
    await fc.assert(
      fc.asyncProperty(
        absSize,
        notional,
        notional,
        price,
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        size,
        fc.boolean(),
        async (oi, lon, son, p, badDebt, s, winnerIsLong) => {
          const [longPnl, shortPnl] = await h.read.sidePnls([oi, lon, son, p]);
          expect(m.sidePnls(oi, lon, son, p)).toEqual({ longPnl, shortPnl });
          const winners = winnerIsLong ? longPnl : shortPnl;
          const haircut = m.haircutPerUnitUp(badDebt, oi, winners);
          expect(haircut).toBe(await h.read.haircutPerUnitUp([badDebt, oi, winners]));
          expect(m.settlementPnlDown(s, lon, p, haircut, winnerIsLong)).toBe(
            await h.read.settlementPnlDown([s, lon, p, haircut, winnerIsLong]),
          );
        },
      ),
      opts,
    );
  });
});
