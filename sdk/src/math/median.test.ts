import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MathInputError } from "./errors.js";
import { medianDown, weightedMedianDown } from "./median.js";

const price = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe("medianDown", () => {
  it("takes the middle of an odd count and the floor of the two middles' mean of an even count", () => {
    expect(medianDown([5n])).toBe(5n);
    expect(medianDown([3n, 1n, 2n])).toBe(2n);
    expect(medianDown([4n, 1n, 2n, 3n])).toBe(2n); // (2 + 3) / 2 = 2.5 → 2
    expect(medianDown([1n, 2n])).toBe(1n);
    expect(medianDown([7n, 7n, 100n, 1n])).toBe(7n);
  });

  it("does not overflow near 2^64 (bigint)", () => {
    const max = (1n << 64n) - 1n;
    expect(medianDown([max, max - 1n])).toBe(max - 1n);
  });

  it("rejects empty and negative input", () => {
    expect(() => medianDown([])).toThrow(MathInputError);
    expect(() => medianDown([1n, -1n])).toThrow(MathInputError);
  });

  it("is order-independent and lies between the middle values", () => {
    fc.assert(
      fc.property(fc.array(price, { minLength: 1, maxLength: 40 }), fc.infiniteStream(fc.nat()), (values, seeds) => {
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const shuffled = [...values];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seeds.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as bigint, shuffled[i] as bigint];
        }
        const m = medianDown(values);
        expect(medianDown(shuffled)).toBe(m);
        const lo = sorted[(sorted.length - 1) >> 1] as bigint;
        const hi = sorted[sorted.length >> 1] as bigint;
        expect(m >= lo && m <= hi).toBe(true);
        // At least half the values are ≤ m and at least half are ≥ m (within rounding of an even count).
        expect(values.filter((v) => v <= m).length * 2 >= values.length || m === lo).toBe(true);
      }),
    );
  });
});

describe("weightedMedianDown", () => {
  it("weights values", () => {
    expect(
      weightedMedianDown([
        { value: 10n, weight: 1n },
        { value: 20n, weight: 5n },
        { value: 30n, weight: 1n },
      ]),
    ).toBe(20n);
    expect(
      weightedMedianDown([
        { value: 10n, weight: 10n },
        { value: 20n, weight: 1n },
        { value: 30n, weight: 1n },
      ]),
    ).toBe(10n);
    // Exactly half the weight at or below 10: mean of 10 and the next value.
    expect(
      weightedMedianDown([
        { value: 10n, weight: 3n },
        { value: 21n, weight: 3n },
      ]),
    ).toBe(15n);
  });

  it("rejects non-positive weights and empty input", () => {
    expect(() => weightedMedianDown([])).toThrow(MathInputError);
    expect(() => weightedMedianDown([{ value: 1n, weight: 0n }])).toThrow(MathInputError);
  });

  it("with unit weights equals the contract's median", () => {
    fc.assert(
      fc.property(fc.array(price, { minLength: 1, maxLength: 40 }), (values) => {
        expect(weightedMedianDown(values.map((value) => ({ value, weight: 1n })))).toBe(medianDown(values));
      }),
    );
  });

  it("with integer weights equals the median of the values repeated weight times", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: price, weight: fc.bigInt({ min: 1n, max: 6n }) }), { minLength: 1, maxLength: 15 }),
        (items) => {
          const expanded = items.flatMap((item) => Array.from({ length: Number(item.weight) }, () => item.value));
          expect(weightedMedianDown(items)).toBe(medianDown(expanded));
        },
      ),
    );
  });

  it("is unchanged when every weight is scaled by the same factor", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: price, weight: fc.bigInt({ min: 1n, max: 1n << 40n }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.bigInt({ min: 1n, max: 1000n }),
        (items, factor) => {
          const scaled = items.map((item) => ({ value: item.value, weight: item.weight * factor }));
          expect(weightedMedianDown(scaled)).toBe(weightedMedianDown(items));
        },
      ),
    );
  });
});
