import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MathInputError } from "./errors.js";
import { averagePriceDown, CUMULATIVE_MODULUS, cumulativeAt, type PriceRound } from "./twap.js";

const sortedAscending = (values: readonly bigint[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Reference: the price in force at every second of [start, end). */
function brute(rounds: readonly PriceRound[], start: bigint, end: bigint): bigint {
  let sum = 0n;
  for (let s = start; s < end; s++) {
    let inForce = 0n;
    for (const round of rounds) if (round.timestamp <= s) inForce = round.price;
    sum += inForce;
  }
  return sum / (end - start);
}

/** Rounds with strictly increasing timestamps, from gaps ≥ 1. */
const roundsArb = (maxGap: bigint, maxPrice: bigint) =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: 1_000n }),
      fc.array(fc.record({ gap: fc.bigInt({ min: 1n, max: maxGap }), price: fc.bigInt({ min: 1n, max: maxPrice }) }), {
        minLength: 1,
        maxLength: 12,
      }),
    )
    .map(([first, steps]) => {
      let t = first;
      return steps.map(({ gap, price }, i) => {
        if (i > 0) t += gap;
        return { timestamp: t, price };
      });
    });

describe("time-weighted average", () => {
  const rounds = [
    { timestamp: 100n, price: 10n },
    { timestamp: 110n, price: 20n },
    { timestamp: 130n, price: 5n },
  ];

  it("holds each price until the next round and carries the last forward", () => {
    expect(averagePriceDown(rounds, 100n, 110n)).toBe(10n);
    expect(averagePriceDown(rounds, 100n, 120n)).toBe(15n);
    expect(averagePriceDown(rounds, 105n, 140n)).toBe((5n * 10n + 20n * 20n + 10n * 5n) / 35n);
    expect(averagePriceDown(rounds, 200n, 300n)).toBe(5n);
    expect(cumulativeAt(rounds, 100n)).toBe(0n);
    expect(cumulativeAt(rounds, 140n)).toBe(10n * 10n + 20n * 20n + 10n * 5n);
  });

  it("rejects empty windows, windows before the first round and unordered rounds", () => {
    expect(() => averagePriceDown(rounds, 120n, 120n)).toThrow(MathInputError);
    expect(() => averagePriceDown(rounds, 99n, 120n)).toThrow(MathInputError);
    expect(() => cumulativeAt(rounds, 99n)).toThrow(MathInputError);
    expect(() => averagePriceDown([rounds[1] as PriceRound, rounds[0] as PriceRound], 110n, 120n)).toThrow(
      MathInputError,
    );
    expect(() => averagePriceDown([], 1n, 2n)).toThrow(MathInputError);
  });

  it("equals a second-by-second reference", () => {
    fc.assert(
      fc.property(
        roundsArb(50n, 1_000_000n),
        fc.bigInt({ min: 0n, max: 400n }),
        fc.bigInt({ min: 1n, max: 300n }),
        (rs, offset, length) => {
          const start = (rs[0] as PriceRound).timestamp + offset;
          expect(averagePriceDown(rs, start, start + length)).toBe(brute(rs, start, start + length));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("equals the accumulator difference (mod 2^112) over the window, as the contract computes it", () => {
    fc.assert(
      fc.property(
        roundsArb(1n << 31n, (1n << 64n) - 1n),
        fc.bigInt({ min: 0n, max: 1n << 32n }),
        fc.bigInt({ min: 1n, max: 1n << 32n }),
        (rs, offset, length) => {
          const start = (rs[0] as PriceRound).timestamp + offset;
          const end = start + length;
          const diff = (cumulativeAt(rs, end) - cumulativeAt(rs, start) + CUMULATIVE_MODULUS) % CUMULATIVE_MODULUS;
          expect(averagePriceDown(rs, start, end)).toBe(diff / length);
        },
      ),
    );
  });

  it("lies between the lowest and highest price in force", () => {
    fc.assert(
      fc.property(roundsArb(1_000n, 1n << 64n), fc.bigInt({ min: 1n, max: 20_000n }), (rs, length) => {
        const start = (rs[0] as PriceRound).timestamp;
        const avg = averagePriceDown(rs, start, start + length);
        const prices = rs.map((r) => r.price);
        const sorted = sortedAscending(prices);
        expect(avg >= (sorted[0] as bigint) && avg <= (sorted.at(-1) as bigint)).toBe(true);
      }),
    );
  });
});
