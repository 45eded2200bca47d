import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InsufficientQuotesError, MathInputError } from "./errors.js";
import { computeIndex, type ProviderQuote } from "./indexMethod.js";
import { medianDown, weightedMedianDown } from "./median.js";

const sortedAscending = (values: readonly bigint[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const NOW = 1_790_000_000n;
const HOUR = 3_600n;
const q = (provider: string, price: bigint, weight = 100n, timestamp = NOW - 60n): ProviderQuote => ({
  provider,
  price,
  weight,
  timestamp,
});
const options = { now: NOW, maxQuoteAge: 24n * HOUR };

describe("computeIndex", () => {
  it("takes the GPU-hour weighted median of fresh quotes; a dominant provider does not make the others outliers", () => {
    const result = computeIndex(
      [q("a", 2_100_000n, 1_000n), q("b", 2_150_000n, 5_000n), q("c", 2_200_000n, 1_000n), q("d", 2_120_000n, 500n)],
      options,
    );
    expect(result.price).toBe(2_150_000n);
    expect(result.dropped).toEqual([]);
    expect(result.totalWeight).toBe(7_500n);
    expect(result.providers).toBe(4);
  });

  it("drops stale, future-dated and invalid quotes, saying why", () => {
    const stale = q("old", 9_000_000n, 100n, NOW - 25n * HOUR);
    const future = q("future", 1n, 100n, NOW + HOUR);
    const zero = q("zero", 0n);
    const noWeight = q("empty", 2_000_000n, 0n);
    const result = computeIndex(
      [stale, q("a", 2_000_000n), future, q("b", 2_010_000n), zero, q("c", 2_020_000n), noWeight],
      options,
    );
    expect(result.price).toBe(2_010_000n);
    expect(result.dropped).toEqual([
      { quote: stale, reason: "stale" },
      { quote: future, reason: "future" },
      { quote: zero, reason: "invalid" },
      { quote: noWeight, reason: "invalid" },
    ]);
  });

  it("drops an outlier beyond 3 robust standard deviations (Hampel filter)", () => {
    const fat = q("fat-finger", 21_000_000n);
    const quotes = [q("a", 2_000_000n), q("b", 2_050_000n), q("c", 2_100_000n), q("d", 2_080_000n), fat];
    const result = computeIndex(quotes, options);
    expect(result.dropped).toEqual([{ quote: fat, reason: "outlier" }]);
    expect(result.center).toBe(2_080_000n);
    expect(result.price).toBe(2_065_000n); // median of the four kept, equal weights: (2_050_000 + 2_080_000) / 2
  });

  it("keeps quotes within the minimum band when most providers agree (MAD = 0)", () => {
    const quotes = [q("a", 2_000_000n), q("b", 2_000_000n), q("c", 2_000_000n), q("d", 2_005_000n), q("e", 2_200_000n)];
    const result = computeIndex(quotes, options);
    // ±0.5 % of 2_000_000 is ±10_000: 2_005_000 stays, 2_200_000 goes.
    expect(result.mad).toBe(0n);
    expect(result.used.map((x) => x.provider)).toEqual(["a", "b", "c", "d"]);
    expect(result.dropped.map((x) => x.quote.provider)).toEqual(["e"]);
  });

  it("caps a provider listing most of the GPU-hours at 30 % of the weight", () => {
    const big = q("big", 2_250_000n, 27_000n);
    const quotes = [q("a", 2_000_000n, 1_000n), q("b", 2_050_000n, 1_000n), q("c", 2_100_000n, 1_000n), big];
    const capped = computeIndex(quotes, options);
    expect(capped.dropped).toEqual([]);
    expect(capped.price).toBe(2_100_000n);
    const [wa, wb, wc, wBig] = capped.weights as [bigint, bigint, bigint, bigint];
    expect((wBig * 10_000n) / (wa + wb + wc + wBig)).toBe(3_000n);
    expect(computeIndex(quotes, { ...options, maxProviderShareBps: 10_000n }).price).toBe(2_250_000n);
  });

  it("needs enough quotes and providers", () => {
    expect(() => computeIndex([q("a", 1n), q("a", 2n), q("a", 3n)], options)).toThrow(InsufficientQuotesError);
    expect(() => computeIndex([q("a", 1n), q("b", 1n)], options)).toThrow(InsufficientQuotesError);
    expect(() => computeIndex([], options)).toThrow(InsufficientQuotesError);
    expect(computeIndex([q("a", 7n)], { ...options, minQuotes: 1, minProviders: 1 }).price).toBe(7n);
    expect(() => computeIndex([q("a", 7n)], { ...options, maxQuoteAge: -1n })).toThrow(MathInputError);
    expect(() => computeIndex([q("a", 7n)], { ...options, maxProviderShareBps: 0n })).toThrow(MathInputError);
  });

  const quoteArb = fc.record({
    provider: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
    price: fc.bigInt({ min: 1_000_000n, max: 4_000_000n }),
    weight: fc.bigInt({ min: 1n, max: 50_000n }),
    timestamp: fc.bigInt({ min: NOW - 48n * HOUR, max: NOW + 600n }),
  });
  const loose = { ...options, minQuotes: 1, minProviders: 1 };

  const tryIndex = (quotes: readonly ProviderQuote[], opts = loose) => {
    try {
      return computeIndex(quotes, opts).price;
    } catch (error) {
      if (error instanceof InsufficientQuotesError) return undefined;
      throw error;
    }
  };

  it("is order-independent", () => {
    fc.assert(
      fc.property(fc.array(quoteArb, { maxLength: 30 }), (quotes) => {
        expect(tryIndex([...quotes].reverse())).toBe(tryIndex(quotes));
      }),
    );
  });

  it("lies within the range of the quotes it used, and every quote is used or dropped once", () => {
    fc.assert(
      fc.property(fc.array(quoteArb, { minLength: 1, maxLength: 30 }), (quotes) => {
        fc.pre(tryIndex(quotes) !== undefined);
        const result = computeIndex(quotes, loose);
        const prices = result.used.map((x) => x.price);
        const sorted = sortedAscending(prices);
        expect(result.price >= (sorted[0] as bigint) && result.price <= (sorted.at(-1) as bigint)).toBe(true);
        expect(result.used.length + result.dropped.length).toBe(quotes.length);
        expect(result.price).toBe(
          weightedMedianDown(result.used.map((x, i) => ({ value: x.price, weight: result.weights[i] as bigint }))),
        );
      }),
    );
  });

  it("ignores stale quotes whatever their price", () => {
    fc.assert(
      fc.property(
        fc.array(quoteArb, { maxLength: 20 }),
        fc.array(fc.record({ provider: fc.string(), price: fc.bigInt({ min: 1n, max: 1n << 60n }) }), {
          maxLength: 5,
        }),
        (quotes, staleOnes) => {
          const stale = staleOnes.map((s) => q(s.provider, s.price, 1n, NOW - 100n * HOUR));
          expect(tryIndex([...quotes, ...stale])).toBe(tryIndex(quotes));
        },
      ),
    );
  });

  it("with equal weights and no outliers is the contract's median", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 2_000_000n, max: 2_009_000n }), { minLength: 1, maxLength: 25 }), (ps) => {
        // All within ±0.5 % of any median: nothing is an outlier.
        const quotes = ps.map((price, i) => q(`p${i}`, price));
        expect(computeIndex(quotes, loose).price).toBe(medianDown(ps));
      }),
    );
  });

  it("is not moved by one wild quote when at least 3 others agree closely", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 2_000_000n, max: 2_009_000n }), { minLength: 3, maxLength: 15 }),
        fc.bigInt({ min: 4_000_000n, max: 1n << 60n }),
        (ps, wild) => {
          const quotes = ps.map((price, i) => q(`p${i}`, price));
          const result = computeIndex([...quotes, q("wild", wild)], loose);
          expect(result.dropped.map((x) => x.quote.provider)).toEqual(["wild"]);
          expect(result.price).toBe(medianDown(ps));
        },
      ),
    );
  });
});
