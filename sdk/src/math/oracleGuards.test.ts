import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessSecondsBetween, DAY } from "./calendar.js";
import { MathInputError } from "./errors.js";
import { exceedsMoveGuard, isStale, moveGuardBounds } from "./oracleGuards.js";

const HOUR = 3_600n;
// 2026-11-27 was a Friday.
const FRIDAY_NOON = BigInt(Date.UTC(2026, 10, 27, 12) / 1000);
const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const uint16 = fc.bigInt({ min: 0n, max: 65_535n });

describe("isStale", () => {
  it("is stale with no round, and only when the age is strictly above maxAge", () => {
    expect(isStale({ lastTimestamp: null, now: 0n, maxAge: 1n, businessDaysOnly: false })).toBe(true);
    const base = { lastTimestamp: 1_000n, maxAge: 60n, businessDaysOnly: false };
    expect(isStale({ ...base, now: 1_060n })).toBe(false);
    expect(isStale({ ...base, now: 1_061n })).toBe(true);
  });

  it("does not count the weekend for a business-day index", () => {
    const monday10 = FRIDAY_NOON + 3n * DAY - 2n * HOUR;
    const daily = { lastTimestamp: FRIDAY_NOON, now: monday10, maxAge: 26n * HOUR };
    expect(isStale({ ...daily, businessDaysOnly: true })).toBe(false); // 12 h + 10 h of business time
    expect(isStale({ ...daily, businessDaysOnly: false })).toBe(true); // 70 h of calendar time
  });

  it("equals the age > maxAge rule on any times, and is monotone in now", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 32n }),
        fc.bigInt({ min: 0n, max: 60n * DAY }),
        fc.bigInt({ min: 0n, max: 60n * DAY }),
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.boolean(),
        (last, delta, later, maxAge, businessDaysOnly) => {
          const now = last + delta;
          const age = businessDaysOnly ? businessSecondsBetween(last, now) : delta;
          const stale = isStale({ lastTimestamp: last, now, maxAge, businessDaysOnly });
          expect(stale).toBe(age > maxAge);
          if (stale) expect(isStale({ lastTimestamp: last, now: now + later, maxAge, businessDaysOnly })).toBe(true);
        },
      ),
    );
  });

  it("rejects a time before the last round", () => {
    expect(() => isStale({ lastTimestamp: 10n, now: 9n, maxAge: 1n, businessDaysOnly: false })).toThrow(MathInputError);
  });
});

describe("exceedsMoveGuard", () => {
  it("lets a move of exactly maxMoveBps through and rejects one unit more", () => {
    const guard = { lastPrice: 2_000_000n, maxMoveBps: 1_500n };
    expect(exceedsMoveGuard({ ...guard, price: 2_300_000n })).toBe(false);
    expect(exceedsMoveGuard({ ...guard, price: 2_300_001n })).toBe(true);
    expect(exceedsMoveGuard({ ...guard, price: 1_700_000n })).toBe(false);
    expect(exceedsMoveGuard({ ...guard, price: 1_699_999n })).toBe(true);
  });

  it("is disabled by maxMoveBps = 0", () => {
    expect(exceedsMoveGuard({ lastPrice: 1n, price: (1n << 64n) - 1n, maxMoveBps: 0n })).toBe(false);
  });

  it("agrees with the inclusive bounds, on both sides, near the boundary and anywhere", () => {
    const nearBoundary = fc
      .tuple(
        fc.oneof(
          uint64,
          fc.bigInt({ min: 0n, max: (1n << 64n) / 10_000n }).map((k) => k * 10_000n),
        ),
        uint16,
        fc.boolean(),
        fc.integer({ min: -2, max: 2 }),
      )
      .map(([lastPrice, maxMoveBps, up, nudge]) => {
        const band = (lastPrice * maxMoveBps) / 10_000n;
        const price = (up ? lastPrice + band : lastPrice - band) + BigInt(nudge);
        return { lastPrice, maxMoveBps, price: price < 0n ? 0n : price };
      });
    const anywhere = fc.record({ lastPrice: uint64, maxMoveBps: uint16, price: uint64 });
    fc.assert(
      fc.property(fc.oneof(nearBoundary, anywhere), ({ lastPrice, maxMoveBps, price }) => {
        const { low, high } = moveGuardBounds({ lastPrice, maxMoveBps });
        const outside = price < low || (high !== null && price > high);
        expect(exceedsMoveGuard({ lastPrice, price, maxMoveBps })).toBe(outside);
        // No move never trips the guard.
        expect(exceedsMoveGuard({ lastPrice, price: lastPrice, maxMoveBps })).toBe(false);
      }),
    );
  });

  it("rejects negative input", () => {
    expect(() => exceedsMoveGuard({ lastPrice: -1n, price: 1n, maxMoveBps: 1n })).toThrow(MathInputError);
  });
});
